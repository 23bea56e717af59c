/* The example guest: prints through a PL011 UART at 0x09000000 (UARTDR at +0, UARTFR at +0x18,
 * as on QEMU's virt board), waiting for TXFF to clear before each character.  Built
 * -ffreestanding -nostdlib -mstrict-align: with the MMU off every access is Device memory,
 * where an unaligned access faults on the hardware. */
#include <stdint.h>

#define UART_BASE 0x09000000ul
#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_TXFF (1u << 5)

static volatile uint32_t *uart_reg(unsigned off) { return (volatile uint32_t *)(UART_BASE + off); }

static void putc_uart(char c)
{
    while (*uart_reg(UARTFR) & UARTFR_TXFF)
        ;
    *uart_reg(UARTDR) = (uint8_t)c;
}

static void puts_uart(const char *s)
{
    while (*s)
        putc_uart(*s++);
}

static void put_hex(uint64_t v)
{
    puts_uart("0x");
    for (int i = 60; i >= 0; i -= 4)
        putc_uart("0123456789abcdef"[(v >> i) & 15]);
}

static void put_dec(uint64_t v)
{
    char buf[21];
    int n = 0;
    do
        buf[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    while (n)
        putc_uart(buf[--n]);
}

/* Some work whose results differ if an engine gets arithmetic, memory or branches wrong. */
static uint64_t fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static uint32_t crc32_sw(const uint8_t *p, unsigned len)
{
    uint32_t c = ~0u;
    for (unsigned i = 0; i < len; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    }
    return ~c;
}

static uint8_t buf[256];

int main(void)
{
    puts_uart("hello from a bare-metal Arm64 guest\n");
    puts_uart("fib(20) = ");
    put_dec(fib(20));
    puts_uart("\n");
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 7 + 3);
    puts_uart("crc32 = ");
    put_hex(crc32_sw(buf, sizeof buf));
    puts_uart("\n");
    uint64_t sum = 0;
    for (uint64_t i = 1; i <= 1000; i++)
        sum += i * i;
    puts_uart("sum of squares 1..1000 = ");
    put_dec(sum);
    puts_uart("\nbye\n");
    return 0;
}
