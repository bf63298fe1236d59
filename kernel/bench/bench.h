/* Shared by the in-kernel benchmarks (bench*.c). */
#ifndef SPINEL_BENCH_H
#define SPINEL_BENCH_H

#include <stdint.h>
#include "arch.h"

#define BENCH_ROUNDS 1000

void bench_row(const char *name, uint64_t value, const char *unit, const char *baseline);
uint64_t bench_per_round(uint64_t total, uint64_t overhead);
void bench_events(uint64_t overhead);
void bench_domains(void);
void bench_ext(uint64_t overhead);
void bench_strands(uint64_t overhead);
void bench_vm(uint64_t overhead);
void bench_apps(void);
void bench_net(void);

#endif
