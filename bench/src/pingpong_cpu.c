/* pingpong_cpu.c - context-switch load: a parent and a child pinned to the same CPU pass a byte back and
 * forth over two pipes, N round trips per repetition (each: 2 wakeups, 2 context switches). Prints, per
 * repetition, the CPU time of both processes per round trip in ns (thread CPU clocks of each side, added),
 * so time spent descheduled for other tenants does not count.
 * Usage: pingpong_cpu [N] [REPS] */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static double cpu_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	int reps = argc > 2 ? atoi(argv[2]) : 1;
	int ab[2], ba[2], res[2];
	char c = 0;

	if (n <= 0 || reps <= 0 || pipe(ab) || pipe(ba) || pipe(res))
		return 2;
	pid_t pid = fork();
	if (pid == 0) {
		for (int r = 0; r < reps; r++) {
			double t0 = cpu_ns();
			for (long i = 0; i < n; i++) {
				if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
					_exit(1);
			}
			double d = cpu_ns() - t0;
			if (write(res[1], &d, sizeof d) != sizeof d)
				_exit(1);
		}
		_exit(0);
	}
	for (int r = 0; r < reps; r++) {
		double t0 = cpu_ns(), child;
		for (long i = 0; i < n; i++) {
			if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
				return 1;
		}
		double d = cpu_ns() - t0;
		if (read(res[0], &child, sizeof child) != sizeof child)
			return 1;
		printf("%.2f\n", (d + child) / (double)n);
		fflush(stdout);
	}
	waitpid(pid, NULL, 0);
	return 0;
}
