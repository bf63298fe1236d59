# Every Frama-C/WP setting of Spinel, in one place.
#   make prove              prove every module in PROVED_MODULES
#   make prove-frame        prove one module (kernel/core/mem/frame.c)
#   make prove-frame FN=f   prove one function of it (FN=f,g: several)
#   make gui-frame          open it in frama-c-gui with the same settings
# A module is one kernel/core/SUB/NAME.c, its header kernel/include/SUB/NAME.h
# and its model spec/SUB/NAME.acsl; a law module is one spec/laws/NAME.c.
# Results go to proofs/results/SUB/NAME.json, the cache to proofs/cache/SUB/NAME
# (SUB is laws for the laws).

# The verified boundary: these portable-core sources are proved; nothing
# else is, and proofs/README.md lists what is trusted instead.
PROVED_lib := kstring bytes
PROVED_boot := bootinfo mb2 pvh
PROVED_mem := frame phys translation virt
PROVED_cap := cap
PROVED_event := event raise dispatch
PROVED_crypto := sha256 lms package
PROVED_domain := elf reloc names exports layout symbols fault domain_name place passes domain plan resolve union
PROVED_strand := sched
PROVED_app := exec usercopy
PROVED_net := wire csum ether arp ipv4 icmp udp vring
PROVED_SUBSYSTEMS := lib boot mem cap event crypto domain strand app net
PROVED_MODULES := $(foreach s,$(PROVED_SUBSYSTEMS),$(PROVED_$s))
# Laws of the models (spec/laws/NAME.c): proved from the contracts alone.
LAW_MODULES := frame_laws bootinfo_laws kstring_laws cap_laws phys_laws translation_laws virt_laws sched_laws usercopy_laws \
  net_laws vring_laws
PROVED_laws := $(LAW_MODULES)

# The subsystem of a module (laws for a law module), and its source.
module_sub = $(firstword $(foreach s,$(PROVED_SUBSYSTEMS) laws,$(if $(filter $1,$(PROVED_$s)),$s)))
module_src = $(if $(filter laws,$(call module_sub,$1)),spec/laws/$1.c,kernel/core/$(call module_sub,$1)/$1.c)
$(foreach m,$(PROVED_MODULES),$(if $(wildcard $(call module_src,$m)),,$(error $m: no $(call module_src,$m))))

FRAMAC   ?= frama-c
GCC_INC  := $(shell gcc -print-file-name=include)
PROOF_DIR := build/proofs

# Parsing: freestanding C11 as the kernel is built (see ../shared/DESIGN.md).
WP_PARSE := -c11 -no-frama-c-stdlib -machdep gcc_x86_64 \
  -cpp-extra-args="-nostdinc -ffreestanding -I$(GCC_INC) -Ikernel/include -Ispec -Iuser/include"

# Run-time errors, stricter than the default, and the soundness guards.
WP_RTE := -wp-rte -warn-unsigned-overflow -warn-unsigned-downcast \
  -warn-signed-downcast -warn-invalid-pointer -rte-no-pointer-call \
  -no-asm-contracts -kernel-warn-key annot:missing-spec=error \
  -wp-check-memory-model

# Provers: cvc4 on every goal (it gives up in ms); then z3 only on what cvc4
# left (WP selects goals not yet Valid). Running both on every goal would
# cost z3's full limit on goals cvc4 proves.
# Limits are prover steps (cvc4 --rlimit, z3 rlimit, passed by Why3), which
# do not depend on the machine's load, so a verdict is the same on an idle
# and a busy machine. The wall clock is only a safety net.
# summarize.py records each module's largest step count and warns when a
# Valid goal uses more than half the limit, before it can flake.
WP_STEPS_CVC4 := 1000000
WP_STEPS_Z3 := 10000000
WP_SAFETY_TIMEOUT := 120
# Smoke tests (can the provers refute a function's hypotheses, or reach
# dead code?) run in a last pass, with WP's own budget for them, 2 s
# (-wp-smoke-timeout's default), as steps: about 200 000 of cvc4's. At the
# goals' limit, each smoke test no prover refutes would cost 10 s or more.
WP_STEPS_SMOKE := 200000

# The cache (proofs/cache/SUB/MODULE/cache/*.json, committed) holds WP's answer
# per exact prover task and prover version. make prove replays it; cleanup
# mode drops what the run did not use (a run of one function, FN=, only
# adds). prune_cache.py then keeps Valid answers, and the other answers of
# a module that passed (smoke tests no prover refuted, cvc4's misses before
# z3); after a failed run only Valid answers, so a failure is always retried.
WP_CACHE_ROOT := proofs/cache
module_cache = $(WP_CACHE_ROOT)/$(call module_sub,$1)/$1
WP_CACHE_MODE ?= cleanup
WP_PRUNE ?= python3 proofs/prune_cache.py
wp_cache_for = $(if $(filter $1,$(PROVE_LIVE)),-wp-cache none,$(if $(FN),-wp-cache update,-wp-cache $(WP_CACHE_MODE))) \
  -wp-session $(call module_cache,$1)

WP_PROVE := -wp -wp-prover cvc4 -wp-par 2 -wp-steps $(WP_STEPS_CVC4) \
  -wp-timeout $(WP_SAFETY_TIMEOUT) -wp-smoke-timeout $(WP_SAFETY_TIMEOUT)

# After cvc4 on the goals: the smoke tests alone (WP generates only the new
# smoke goals in that pass), with cvc4; then z3 on what is left. The order
# matters: -wp-prover adds to the provers of the earlier passes, so smoke
# tests after the z3 pass would run z3 too, for 10 s each it cannot refute.
# -wp-fct does not carry over a -then: each pass names the function again,
# or FN= would prove only its first pass on FN and the rest on the module.
WP_FN = $(if $(FN),-wp-fct $(FN))
WP_FALLBACK = -then -wp $(WP_FN) -wp-smoke-tests -wp-steps $(WP_STEPS_SMOKE) \
  -then -wp $(WP_FN) -wp-prover z3 -wp-steps $(WP_STEPS_Z3)

WP_FLAGS := $(WP_PARSE) $(WP_PROVE) $(WP_RTE)

# The dispatcher's modules store, copy and compare handler pointers. With
# -warn-invalid-pointer each such read is an alarm \valid_function(p),
# which WP 25 does not implement (always unproved, ../shared/DESIGN.md).
# Their pointers are only called through the trusted dispatch_call.h;
# every memory access is still checked (-wp-rte mem_access).
FNPTR_MODULES := event raise dispatch
wp_checks_for = $(if $(filter $1,$(FNPTR_MODULES)),$(filter-out -warn-invalid-pointer,$(WP_FLAGS)),$(WP_FLAGS))
wp_flags_for = $(call wp_checks_for,$1) $(call wp_cache_for,$1)

# make -j2 starts the longest modules first, so no long one is left alone
# at the end (the order of the measured cold times, largest first).
PROVE_ORDER := sha256 lms sched passes elf plan exec exports resolve event raise union pvh cap \
  bootinfo translation frame phys virt mb2 domain place reloc kstring package symbols layout dispatch \
  names bytes domain_name fault usercopy ipv4 udp icmp arp csum ether wire vring $(LAW_MODULES)

$(if $(filter-out $(PROVE_ORDER),$(PROVED_MODULES) $(LAW_MODULES)),\
  $(error PROVE_ORDER lacks $(filter-out $(PROVE_ORDER),$(PROVED_MODULES) $(LAW_MODULES))))

## prove: Frama-C/WP on every proved module and law (make -j2 prove: two at a time)
prove: $(addprefix prove-,$(PROVE_ORDER))
	@python3 proofs/summarize.py --total $(PROOF_DIR) $(PROVED_MODULES) $(LAW_MODULES)

# A reviewer who trusts nothing stored: every goal proved live, cache untouched.
## prove-cold: make prove with no cache: every goal proved live
prove-cold:
	$(MAKE) -j2 prove WP_CACHE_MODE=none

## prove-MODULE [FN=f]: one module (kernel/core/SUB/MODULE.c or spec/laws/MODULE.c), or only function f of it
# The laws are checked against the headers only: the implementations are
# not given to WP, so a law holds for any code that meets the contracts.
prove-%: $$(call module_src,$$*)
	$(prove_module)

# The last pass runs no prover: it writes each property's file, line, text
# and status (M.csv), so that summarize.py can say where a failure is.
# run_wp.py keeps Frama-C's output in M.log and prints the goal count, then
# a progress line every WP_PROGRESS seconds (0: none).
WP_PROGRESS ?= 30
define prove_module
	@mkdir -p $(PROOF_DIR)
	@$(WP_PRUNE) $(call module_cache,$*)
	@rm -f $(PROOF_DIR)/$*.json $(PROOF_DIR)/$*.csv; start=$$(date +%s.%N); \
	python3 proofs/run_wp.py --module $* --log $(PROOF_DIR)/$*.log --every $(WP_PROGRESS) -- \
	  $(FRAMAC) $(call wp_flags_for,$*) $(WP_FN) $< $(WP_FALLBACK) \
	  -wp-report-json $(PROOF_DIR)/$*.json -then -report-csv $(PROOF_DIR)/$*.csv; \
	rc=$$?; end=$$(date +%s.%N); \
	if [ $$rc -ne 0 ]; then $(WP_PRUNE) --only-valid $(call module_cache,$*); \
	  tail -30 $(PROOF_DIR)/$*.log; \
	  echo "prove $*: frama-c failed (exit $$rc), log in $(PROOF_DIR)/$*.log"; exit 1; fi; \
	python3 proofs/summarize.py --module $* --sub $(call module_sub,$*) --start $$start --end $$end \
	  --limit cvc4=$(WP_STEPS_CVC4) --limit z3=$(WP_STEPS_Z3) $(if $(FN),--partial) $(PROOF_DIR) \
	  || { $(WP_PRUNE) --only-valid $(call module_cache,$*); exit 1; }; \
	$(WP_PRUNE) $(call module_cache,$*)
endef

# frama-c-gui on a module, with make prove's settings and passes; answers
# come from the committed cache (replay: the GUI never writes to it).
FRAMAC_GUI ?= $(FRAMAC)-gui
## gui-MODULE [FN=f]: open a module in frama-c-gui with make prove's settings
gui-%: $$(call module_src,$$*)
	$(gui_module)

define gui_module
	@command -v $(FRAMAC_GUI) > /dev/null || { \
	  echo "gui-$*: $(FRAMAC_GUI) is not installed (Debian: sudo apt install frama-c, which brings the GUI)"; exit 2; }
	$(FRAMAC_GUI) $(call wp_checks_for,$*) -wp-cache replay -wp-session $(call module_cache,$*) $(WP_FN) $< $(WP_FALLBACK)
endef

.PHONY: prove prove-cold
