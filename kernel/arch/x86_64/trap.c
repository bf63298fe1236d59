/* Trap dispatch: device interrupts are serviced and return; any exception
 * but a page fault of a strand in its own translation context (which the
 * strand runtime turns into a Translation event) is unexpected, so it is
 * reported in full and the machine halts rather than run on with unknown
 * state. */
#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "kstack.h"
#include "pic.h"
#include "serial.h"
#include "strand/runtime.h"
#include "trap.h"

static volatile uint64_t ticks;

static const char *const exception_names[32] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
    "#BR bound range", "#UD invalid opcode", "#NM device not available",
    "#DF double fault", "coprocessor segment overrun", "#TS invalid TSS",
    "#NP segment not present", "#SS stack fault", "#GP general protection",
    "#PF page fault", "reserved", "#MF x87 error", "#AC alignment check",
    "#MC machine check", "#XM SIMD error", "#VE virtualization", "#CP control protection",
    "reserved", "reserved", "reserved", "reserved", "reserved", "reserved",
    "#HV hypervisor injection", "#VC VMM communication", "#SX security", "reserved",
};

uint64_t arch_ticks(void) { return ticks; }

static void report_exception(const struct trap_frame *f)
{
    kprintf("\n*** EXCEPTION vector %lu (%s) error=0x%lx\n", f->vector,
            exception_names[f->vector], f->error);
    kprintf("RIP=0x%016lx CS=0x%lx RFLAGS=0x%lx CR2=0x%016lx\n", f->rip, f->cs, f->rflags,
            cpu_read_cr2());
    kprintf("RSP=0x%016lx SS=0x%lx CR3=0x%016lx\n", f->rsp, f->ss, cpu_read_cr3());
    kprintf("RAX=0x%016lx RBX=0x%016lx RCX=0x%016lx RDX=0x%016lx\n", f->rax, f->rbx, f->rcx, f->rdx);
    kprintf("RSI=0x%016lx RDI=0x%016lx RBP=0x%016lx R8 =0x%016lx\n", f->rsi, f->rdi, f->rbp, f->r8);
    kprintf("R9 =0x%016lx R10=0x%016lx R11=0x%016lx R12=0x%016lx\n", f->r9, f->r10, f->r11, f->r12);
    kprintf("R13=0x%016lx R14=0x%016lx R15=0x%016lx\n", f->r13, f->r14, f->r15);
}

/* A fault address (CR2) or a stack pointer in a guard page means a kernel
 * stack overflowed: said first, since the report that follows is then
 * usually a double fault, which does not say why. */
static void report_stack_overflow(const struct trap_frame *f)
{
    uint64_t guard = 0;
    const char *stack = 0;
    if (f->vector == VECTOR_PF || f->vector == VECTOR_DF)
        stack = kstack_guard_hit(cpu_read_cr2(), &guard);
    if (!stack)
        stack = kstack_guard_hit(f->rsp, &guard);
    if (stack)
        kprintf("\n*** KERNEL STACK OVERFLOW (guard page 0x%016lx below the %s stack)\n", guard,
                stack);
}

static int from_ring3(const struct trap_frame *f) { return (f->cs & 3) == 3; }

/* A strand's exception: a page fault in its context's user half goes to
 * the VM services; one nothing resolved, or any exception in ring 3, ends
 * the strand (never the kernel). Returns 1 for a resolved fault (retry),
 * 0 for the kernel's own exception. */
static int strand_exception(const struct trap_frame *f)
{
    uint64_t addr = f->vector == VECTOR_PF ? cpu_read_cr2() : 0;
    int r = f->vector == VECTOR_PF ? strand_page_fault(addr, f->error) : STRAND_FAULT_NOT_MINE;
    if (r == STRAND_FAULT_RESOLVED)
        return 1;
    if (from_ring3(f) && f->vector != VECTOR_DF)
        strand_user_fault(exception_names[f->vector], f->rip, addr);
    if (r == STRAND_FAULT_UNRESOLVED)
        strand_stop();
    return 0;
}

/* Drivers' handlers per ISA line (arch_irq_handler). */
#define IRQ_LINES 16u
static void (*device_irq[IRQ_LINES])(void);

void arch_irq_handler(unsigned irq, void (*fn)(void))
{
    if (irq >= IRQ_LINES || irq == IRQ_TIMER || irq == IRQ_COM1 || irq == 2)
        panic("irq %u: not a line for a driver", irq);
    device_irq[irq] = fn;
    pic_unmask(irq);
}

void trap_dispatch(struct trap_frame *f)
{
    if (f->vector < IRQ_BASE) {
        if (strand_exception(f))
            return;
        report_stack_overflow(f);
        report_exception(f);
        kprintf("System halted.\n");
        arch_halt(HALT_PANIC);
    }
    unsigned irq = (unsigned)(f->vector - IRQ_BASE);
    if (pic_is_spurious(irq))
        return;
    if (irq == IRQ_COM1)
        serial_rx_isr();
    else if (irq < IRQ_LINES && device_irq[irq])
        device_irq[irq](); /* before the EOI: it quiets a level-triggered line */
    pic_eoi(irq);
    strand_interrupt();
    /* After the EOI: the switch may not come back here for a while, and
     * the next strand must still get its timer interrupts. */
    if (irq == IRQ_TIMER) {
        ticks++;
        strand_timer_tick();
    }
}
