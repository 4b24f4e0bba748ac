package dev.ktel.agent;

import dev.ktel.pipeline.fidelity.FidelityController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Evaluates adaptive fidelity once per window on a virtual thread; logs level changes. Close to stop. */
final class FidelityLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FidelityLoop.class);

    private final Thread thread;

    private FidelityLoop(FidelityController fidelity) {
        long windowMs = fidelity.settings().window().toMillis();
        this.thread = Thread.ofVirtual().name("ktel-fidelity").unstarted(() -> {
            int level = fidelity.level();
            try {
                Thread.sleep(windowMs); // start-up (class loading, JIT) is not the steady state: skip a window
            } catch (InterruptedException e) {
                return;
            }
            fidelity.evaluate(); // baseline
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(windowMs);
                } catch (InterruptedException e) {
                    return;
                }
                int now = fidelity.evaluate();
                if (now != level) {
                    LOG.warn("adaptive fidelity: level {} -> {} (cpu budget {} cores)", level, now,
                            fidelity.settings().cpuBudget());
                    level = now;
                }
            }
        });
    }

    static FidelityLoop start(FidelityController fidelity) {
        FidelityLoop l = new FidelityLoop(fidelity);
        l.thread.start();
        return l;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(5_000);
    }
}
