# make report: a static HTML report of what the kernel promises and what it
# trusts, for a reviewer who does not run Frama-C: build/report/index.html,
# a page per module, per model, the trusted base and the extensions. Made
# from committed data (proofs/results/SUB/*.json, the headers, spec/,
# proofs/README.md) by proofs/report/report.py, Python's standard library
# only. It fails, after writing the report, on a file compiled into the
# kernel that is neither proved nor listed as trusted.
#
# The sample extensions are built first (make exts). They are not a
# prerequisite: if they cannot be built, the report is still written, with
# a note and the build log (build/report/exts.log).
REPORT_DIR := $(BUILD)/report

## report: build/report/index.html, the specification report (contracts, proof status per property, trusted base)
report:
	@mkdir -p $(REPORT_DIR)
	@$(MAKE) --no-print-directory exts > $(REPORT_DIR)/exts.log 2>&1; status=$$?; \
	  [ $$status -eq 0 ] || echo "report: make exts failed (exit $$status): see $(REPORT_DIR)/exts.log"; \
	  $(PYTHON) proofs/report/report.py --out $(REPORT_DIR) --exts-status $$status

# The trusted-base check alone: every file `make kernel-sources` names is a
# proved module or listed under "Trusted, not proved" in proofs/README.md.
## trusted-check: every file compiled into the kernel is proved or listed as trusted
trusted-check:
	@$(PYTHON) proofs/report/trusted.py

.PHONY: report trusted-check
