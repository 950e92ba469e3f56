package org.truce.web;

/** What the sign-in page shows: the form's CSRF token, the name typed before (or null) and an error (or null). */
public record LoginPage(String csrf, String name, String error) {}
