package org.truce.web;

/** An error answered as a page: its status, a title and what to do, in the reader's language. */
public record ErrorPage(int status, String title, String message) {}
