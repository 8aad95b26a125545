package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs imports in the background, one chunk of rows per transaction (BLK-01). Progress is
 * committed with each chunk, so the history shows it as it goes and a restarted service resumes
 * where it stopped. A chunk that fails (licensing-service away, a concurrent change) is retried
 * with backoff; an import that still cannot go on is marked FAILED with the reason, keeping the
 * rows already imported.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);

    private enum Step { MORE, DONE, HELD_ELSEWHERE }

    @Inject
    UserImportRepository imports;
    @Inject
    ImportIssueRepository issues;
    @Inject
    ImportChunk chunks;
    @ConfigProperty(name = "kaigi.imports.chunk-size", defaultValue = "1000")
    int chunkSize;
    @ConfigProperty(name = "kaigi.imports.max-attempts", defaultValue = "6")
    int maxAttempts;
    @ConfigProperty(name = "kaigi.imports.retry-delay", defaultValue = "500ms")
    Duration retryDelay;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "user-import");
        t.setDaemon(true);
        return t;
    });
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

    void resumeUnfinished(@Observes StartupEvent start) {
        List<UUID> unfinished = QuarkusTransaction.requiringNew().call(imports::unfinished);
        if (!unfinished.isEmpty()) {
            LOG.infof("resuming %d unfinished user imports", unfinished.size());
        }
        unfinished.forEach(id -> submit(id, null));
    }

    void stop(@Observes ShutdownEvent stop) {
        executor.shutdownNow();
    }

    /**
     * Runs the import soon, starting from the file as already read (null: read it from the
     * database); nothing happens if it is already waiting or running here.
     */
    public void submit(UUID importId, ImportFile alreadyRead) {
        if (queued.add(importId)) {
            executor.execute(() -> {
                try {
                    run(importId, alreadyRead);
                } finally {
                    queued.remove(importId);
                }
            });
        }
    }

    private void run(UUID importId, ImportFile alreadyRead) {
        ImportFile[] file = {alreadyRead}; // read at most once
        int attempt = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Step step = QuarkusTransaction.requiringNew().call(() -> nextChunk(importId, file));
                if (step != Step.MORE) {
                    return;
                }
                attempt = 0;
            } catch (RuntimeException e) {
                attempt++;
                String code = e instanceof ProblemException p ? p.code() : "internal-error";
                if (attempt >= maxAttempts) {
                    LOG.errorf(e, "user import %s failed after %d attempts", importId, attempt);
                    QuarkusTransaction.requiringNew().run(() -> markFailed(importId, code));
                    return;
                }
                LOG.warnf("user import %s: chunk failed (%s), retrying", importId, code);
                if (!sleep(retryDelay.multipliedBy(1L << Math.min(attempt - 1, 5)))) {
                    return;
                }
            }
        }
    }

    private Step nextChunk(UUID importId, ImportFile[] file) {
        UserImport job = imports.lockForWork(importId).orElse(null);
        if (job == null) {
            return Step.HELD_ELSEWHERE; // another instance is working on it
        }
        if (job.finished()) {
            return Step.DONE;
        }
        if (file[0] == null) {
            String content = imports.content(job.id).orElseThrow(() -> new IllegalStateException("import " + job.id + " lost its file"));
            file[0] = ImportFile.read(content, job.encoding, ColumnMapping.stored(job.columnMapping));
        }
        if (job.status == UserImport.Status.QUEUED) {
            job.status = UserImport.Status.RUNNING;
            job.startedAt = Instant.now();
        }
        List<ImportFile.Row> rows = file[0].rows();
        int end = Math.min(job.processedRows + chunkSize, rows.size());
        ImportChunk.Totals totals = chunks.process(job, rows.subList(job.processedRows, end));
        for (RowOutcome outcome : totals.notImported()) {
            issues.persist(ImportIssue.of(job.id, outcome));
            if (outcome.kind() == RowOutcome.Kind.SKIPPED) {
                job.skipped++;
            } else {
                job.failed++;
            }
        }
        job.added += totals.added();
        job.updated += totals.updated();
        job.processedRows = end;
        if (end == rows.size()) {
            job.status = UserImport.Status.COMPLETED;
            job.finishedAt = Instant.now();
            imports.dropContent(job.id);
            return Step.DONE;
        }
        return Step.MORE;
    }

    private void markFailed(UUID importId, String code) {
        UserImport job = imports.findById(importId);
        if (job != null && !job.finished()) {
            job.status = UserImport.Status.FAILED;
            job.failureCode = code;
            job.finishedAt = Instant.now();
            imports.dropContent(job.id);
        }
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
