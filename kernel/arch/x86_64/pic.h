/* 8259 PIC pair, remapped above the exception vectors (see pic.c). */
#ifndef SPINEL_PIC_H
#define SPINEL_PIC_H

void pic_init(void);
void pic_unmask(unsigned irq);
void pic_eoi(unsigned irq);
int pic_is_spurious(unsigned irq);
void pit_init(unsigned hz);

#endif
