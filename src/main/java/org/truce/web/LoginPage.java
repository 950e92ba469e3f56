package org.truce.web;

/**
 * What the sign-in page shows: the form's CSRF token, the name typed before (or null), an error (or null), and the
 * page of this site to go on to after signing in (or null for the start page).
 */
public record LoginPage(String csrf, String name, String error, String next) {}
