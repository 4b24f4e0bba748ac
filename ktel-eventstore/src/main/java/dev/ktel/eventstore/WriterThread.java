package dev.ktel.eventstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that touches the index writer. Lucene's file channels (the write lock among them) are closed by an
 * interrupt of whichever thread is using them, which fails the writer for good; callers' threads (HTTP workers,
 * cancelled tasks) may be interrupted at any time, this thread never is. Callers wait for it without reacting to
 * interrupts and get their interrupt flag back afterwards.
 */
final class WriterThread implements AutoCloseable {
  /** Work that may throw an I/O error. */
  @FunctionalInterface
  interface IoWork<T> {
    T run() throws IOException;
  }

  private final ExecutorService executor;
  private volatile Thread thread;

  WriterThread(String name) {
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      thread = t;
      return t;
    });
  }

  /** Runs {@code work} on the writer thread (directly when called from it) and returns its result. */
  <T> T call(IoWork<T> work) throws IOException {
    if (Thread.currentThread() == thread) {
      return work.run();
    }
    Future<T> f = executor.submit(work::run);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof IOException io) {
            throw io;
          }
          if (c instanceof RuntimeException re) {
            throw re;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new UncheckedIOException(new IOException(c));
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void run(IoWork<Void> work) throws IOException {
    call(work);
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
