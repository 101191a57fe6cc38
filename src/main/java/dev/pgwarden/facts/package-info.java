/**
 * Facts read from the target over JDBC: one SQL resource per fact kind ({@code sql/<kind>.sql}, with
 * {@code <kind>.pgNN.sql} variants where catalogs differ), mapped onto records that rules match on.
 */
package dev.pgwarden.facts;
