/**
 * The organization's directory as every feature reads it: the organization with its super admin, its users and
 * their permission profiles, with the events and the API view made from a user. It depends on no feature, so the
 * features (adding users, their lifecycle, invitations, imports, SCIM, ...) can all build on it without depending
 * on each other.
 */
package dev.kaigi.user.directory;
