/* COM1 set-up and its interrupt service routine (see serial.c). */
#ifndef SPINEL_SERIAL_H
#define SPINEL_SERIAL_H

void serial_init(void);
void serial_enable_rx_irq(void);
void serial_rx_isr(void);

#endif
