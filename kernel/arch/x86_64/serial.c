/* 16550 UARTs. COM1, the console: polled output, interrupt-driven input
 * into a ring. COM2, the load port (extension packages from the host):
 * polled both ways, read only when the shell is idle. */
#include "arch.h"
#include "cpu.h"
#include "serial.h"
#include "strand/runtime.h"

#define COM1 0x3F8
#define COM2 0x2F8
#define REG_DATA 0
#define REG_IER 1
#define REG_FCR 2
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5
#define REG_SCRATCH 7
#define LSR_RX_READY 0x01
#define LSR_TX_EMPTY 0x20

#define RX_RING 256
static volatile uint8_t rx_ring[RX_RING];
static volatile uint32_t rx_head, rx_tail; /* written by the ISR / the reader */

static void uart_init(uint16_t port, uint8_t mcr)
{
    outb(port + REG_IER, 0x00);
    outb(port + REG_LCR, 0x80);  /* divisor latch */
    outb(port + REG_DATA, 0x01); /* 115200 baud */
    outb(port + REG_IER, 0x00);
    outb(port + REG_LCR, 0x03);  /* 8N1 */
    outb(port + REG_FCR, 0xC7);  /* FIFO on, cleared, 14-byte threshold */
    outb(port + REG_MCR, mcr);
}

/* Without a COM2, its ports read 0xFF: "data ready" forever. */
static int com2_present;

void serial_init(void)
{
    uart_init(COM1, 0x0B); /* DTR, RTS, OUT2: OUT2 gates the IRQ line */
    outb(COM2 + REG_SCRATCH, 0x5A);
    com2_present = inb(COM2 + REG_SCRATCH) == 0x5A;
    if (com2_present)
        uart_init(COM2, 0x03); /* no IRQ: polled */
}

static int load_ready(void) { return com2_present && (inb(COM2 + REG_LSR) & LSR_RX_READY) != 0; }

int arch_load_getc(uint64_t ticks)
{
    uint64_t end = arch_ticks() + ticks;
    while (!load_ready())
        if (arch_ticks() >= end)
            return -1;
    return inb(COM2 + REG_DATA);
}

void arch_load_putc(char c)
{
    if (!com2_present)
        return;
    while (!(inb(COM2 + REG_LSR) & LSR_TX_EMPTY))
        ;
    outb(COM2 + REG_DATA, (uint8_t)c);
}

void serial_enable_rx_irq(void) { outb(COM1 + REG_IER, 0x01); }

void arch_putc(char c)
{
    while (!(inb(COM1 + REG_LSR) & LSR_TX_EMPTY))
        ;
    outb(COM1 + REG_DATA, (uint8_t)c);
}

void serial_rx_isr(void)
{
    while (inb(COM1 + REG_LSR) & LSR_RX_READY) {
        uint8_t c = inb(COM1 + REG_DATA);
        uint32_t next = (rx_head + 1) % RX_RING;
        if (next != rx_tail) { /* a full ring drops input rather than overwrite */
            rx_ring[rx_head] = c;
            rx_head = next;
        }
    }
}

/* The oldest console byte, or -1 if none: with interrupts off, as the ISR
 * writes the ring. */
static int ring_take(void)
{
    if (rx_tail == rx_head)
        return -1;
    int c = rx_ring[rx_tail];
    rx_tail = (rx_tail + 1) % RX_RING;
    return c;
}

int arch_poll_getc(void)
{
    cpu_cli();
    int c = ring_take();
    cpu_sti();
    return c;
}

int arch_getc(void)
{
    for (;;) {
        cpu_cli();
        int c = ring_take();
        if (c >= 0) {
            cpu_sti();
            return c;
        }
        if (load_ready()) {
            cpu_sti();
            return ARCH_LOAD_PENDING;
        }
        /* Until the next interrupt (input or timer), as a blocked strand:
         * other strands run meanwhile (a halt here would hold the
         * processor from them until the next tick). */
        strand_wait_interrupt();
        cpu_sti();
    }
}
