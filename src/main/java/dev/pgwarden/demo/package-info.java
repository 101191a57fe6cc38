/**
 * The self-contained demo: a throwaway embedded PostgreSQL seeded with one instance of each problem,
 * checked, remediated with the findings' own statements, and checked again.
 */
package dev.pgwarden.demo;
