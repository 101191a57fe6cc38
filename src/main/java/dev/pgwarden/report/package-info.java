/** Writers that turn a run's results into what people and CI servers read: one class per format. */
package dev.pgwarden.report;
