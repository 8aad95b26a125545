package dev.kaigi.integration.mailoption.backup;

import java.util.List;

/** A message as the store keeps it: its envelope, the leads it was exchanged with, its raw bytes gzip-compressed. */
record MessageCopy(MessageEnvelope envelope, List<String> leads, int size, byte[] gzipped) {
}
