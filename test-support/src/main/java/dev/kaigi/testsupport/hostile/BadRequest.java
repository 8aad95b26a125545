package dev.kaigi.testsupport.hostile;

/**
 * One generated bad request.
 *
 * @param what        how it is bad, for the failure listing
 * @param path        the concrete path
 * @param contentType the declared content type, or null for no body
 * @param body        the raw body, or null
 */
record BadRequest(String what, String path, String contentType, byte[] body) {
}
