/**
 * Checks as rules: loading each {@code rules/<id>.drl} with its {@code <id>.yaml} metadata, compiling it
 * with Drools, and judging gathered facts with it. The DRL holds the judgement; this package only feeds it
 * facts and parameters and renders what it reports.
 */
package dev.pgwarden.rules;
