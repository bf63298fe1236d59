/* 8259 PICs remapped to vectors 32-47 (the BIOS default, 8-15, collides
 * with exceptions: a timer tick would look like a double fault), all lines
 * masked until a driver asks; and the PIT as the periodic tick. */
#include "arch.h"
#include "cpu.h"
#include "pic.h"
#include "trap.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20
#define PIT_CH0 0x40
#define PIT_CMD 0x43
#define PIT_HZ 1193182u

static unsigned tick_hz;

void pic_init(void)
{
    outb(PIC1_CMD, 0x11); /* ICW1: init, ICW4 follows */
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, IRQ_BASE);
    outb(PIC2_DATA, IRQ_BASE + 8);
    outb(PIC1_DATA, 4);   /* slave on IRQ2 */
    outb(PIC2_DATA, 2);
    outb(PIC1_DATA, 0x01); /* 8086 mode */
    outb(PIC2_DATA, 0x01);
    outb(PIC1_DATA, 0xFB); /* everything masked but the cascade */
    outb(PIC2_DATA, 0xFF);
}

void pic_unmask(unsigned irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) & ~(1u << (irq % 8)));
}

/* IRQ 7 and 15 also arrive spuriously (a line that dropped before the
 * PIC could name it); the in-service register tells them apart. */
int pic_is_spurious(unsigned irq)
{
    if (irq != 7 && irq != 15)
        return 0;
    uint16_t cmd = irq == 7 ? PIC1_CMD : PIC2_CMD;
    outb(cmd, 0x0B); /* OCW3: read the in-service register */
    if (inb(cmd) & 0x80)
        return 0;
    if (irq == 15)
        outb(PIC1_CMD, PIC_EOI); /* the master did see the cascade line */
    return 1;
}

void pic_eoi(unsigned irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}

void pit_init(unsigned hz)
{
    unsigned divisor = PIT_HZ / hz;
    tick_hz = hz;
    outb(PIT_CMD, 0x34); /* channel 0, lo/hi byte, rate generator */
    outb(PIT_CH0, divisor & 0xFF);
    outb(PIT_CH0, (divisor >> 8) & 0xFF);
    pic_unmask(0);
}

uint32_t arch_tick_hz(void) { return tick_hz; }
