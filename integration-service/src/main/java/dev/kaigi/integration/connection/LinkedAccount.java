package dev.kaigi.integration.connection;

/** The provider's account behind a fresh token: its stable id and the email the API shows (INT-04). */
public record LinkedAccount(String id, String email) {
}
