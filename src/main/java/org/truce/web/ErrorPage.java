package org.truce.web;

/** An error answered as a page: its status, a title and what to do. */
public record ErrorPage(int status, String title, String message) {}
