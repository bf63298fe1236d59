/* 16550 UART on COM1: polled output, interrupt-driven input into a ring. */
#include "arch.h"
#include "cpu.h"
#include "serial.h"

#define COM1 0x3F8
#define REG_DATA 0
#define REG_IER 1
#define REG_FCR 2
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5
#define LSR_RX_READY 0x01
#define LSR_TX_EMPTY 0x20

#define RX_RING 256
static volatile uint8_t rx_ring[RX_RING];
static volatile uint32_t rx_head, rx_tail; /* written by the ISR / the reader */

void serial_init(void)
{
    outb(COM1 + REG_IER, 0x00);
    outb(COM1 + REG_LCR, 0x80);  /* divisor latch */
    outb(COM1 + REG_DATA, 0x01); /* 115200 baud */
    outb(COM1 + REG_IER, 0x00);
    outb(COM1 + REG_LCR, 0x03);  /* 8N1 */
    outb(COM1 + REG_FCR, 0xC7);  /* FIFO on, cleared, 14-byte threshold */
    outb(COM1 + REG_MCR, 0x0B);  /* DTR, RTS, OUT2: OUT2 gates the IRQ line */
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

int arch_getc(void)
{
    for (;;) {
        cpu_cli();
        if (rx_tail != rx_head) {
            int c = rx_ring[rx_tail];
            rx_tail = (rx_tail + 1) % RX_RING;
            cpu_sti();
            return c;
        }
        cpu_sti_hlt(); /* the next interrupt (input or timer) wakes us */
    }
}
