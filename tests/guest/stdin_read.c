// GUEST_STDIN: stdin_read.txt
/* Reads stdin (the harness feeds stdin_read.txt): line by line with fgets,
 * parsing a word and an integer per line, then the total byte count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char line[256], word[64];
    long long sum = 0;
    int lines = 0, parsed = 0;
    size_t bytes = 0;
    while (fgets(line, sizeof line, stdin)) {
        lines++;
        bytes += strlen(line);
        long long v;
        if (sscanf(line, "%63s %lli", word, &v) == 2) {
            parsed++;
            sum += v;
            printf("%-10s %lld\n", word, v);
        } else {
            printf("(unparsed line %d, %zu bytes)\n", lines, strlen(line));
        }
    }
    printf("lines=%d parsed=%d sum=%lld bytes=%zu eof=%d\n", lines, parsed, sum, bytes, feof(stdin));
    fprintf(stderr, "stdin done\n");
    return 0;
}
