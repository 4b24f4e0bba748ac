package dev.ktel.eventstore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktel.store.api.event.MessageWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/**
 * Differential test: the reference store's word splitting ({@link MessageWords}) against the analyzer the Lucene
 * store indexes messages with, on every line of the real kernel log corpus in the shared fixtures (read in place).
 * If they disagree, the two stores answer text queries differently.
 */
class MessageWordsAgreementTest {
  static Path corpus() {
    String prop = System.getProperty("ktel.shared");
    Path p = prop != null ? Path.of(prop) : Path.of("../../shared");
    Path kmsg = p.resolve("fixtures/kmsg");
    assumeTrue(Files.isDirectory(kmsg), "kernel log fixtures not found at " + kmsg.toAbsolutePath().normalize()
        + " (set -Dktel.shared=DIR)");
    return kmsg;
  }

  static List<String> lucene(Analyzer a, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("msg", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void referenceWordsEqualTheIndexAnalyzersOnEveryKernelLogLine() throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(corpus())) {
      for (Path f : files.filter(x -> x.toString().endsWith(".log")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.startsWith("###")) {
            lines.add(line);
          }
        }
      }
    }
    assertThat(lines).hasSizeGreaterThan(1000);
    List<String> disagreements = new ArrayList<>();
    try (Analyzer a = new StandardAnalyzer()) {
      for (String line : lines) {
        List<String> expected = lucene(a, line);
        List<String> actual = MessageWords.of(line);
        if (!expected.equals(actual)) {
          disagreements.add(line + "\n  lucene: " + expected + "\n  ref:    " + actual);
        }
      }
    }
    System.out.printf("message words: %d of %d kernel log lines split identically%n",
        lines.size() - disagreements.size(), lines.size());
    assertThat(disagreements).as("lines split differently").isEmpty();
  }
}
