/* Start-up cost: the whole run is loading, libc start-up and exit. */
int main(void)
{
    return 0;
}
