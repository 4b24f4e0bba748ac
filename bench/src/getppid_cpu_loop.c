/* getppid_cpu_loop.c - N raw getppid() system calls per repetition; prints the thread's CPU time per call
 * (ns) of each repetition.
 * Usage: getppid_cpu_loop [N] [REPS]
 * CLOCK_THREAD_CPUTIME_ID instead of a wall clock: on a shared machine the loop is descheduled often, and
 * wall time then measures the neighbours. The CPU time still contains everything the kernel does on behalf
 * of the call (entry, BPF programs attached to the syscall tracepoints, exit). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static double cpu_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	int reps = argc > 2 ? atoi(argv[2]) : 1;
	volatile long sink = 0;

	if (n <= 0 || reps <= 0) {
		fprintf(stderr, "usage: %s [N>0] [REPS>0]\n", argv[0]);
		return 2;
	}
	for (int r = 0; r < reps; r++) {
		double t0 = cpu_ns();
		for (long i = 0; i < n; i++)
			sink += syscall(SYS_getppid);
		double t1 = cpu_ns();
		printf("%.2f\n", (t1 - t0) / (double)n);
		fflush(stdout);
	}
	return sink == -1;
}
