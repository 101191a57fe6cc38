package dev.pgwarden.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pgwarden.results.ComplianceControl;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A control of the CIS PostgreSQL Benchmark that a check evaluates, as its YAML lists it under {@code cis}
 * (pgdsat's numbering). Each is inserted into the check's rule session as a fact, so one rule can judge a
 * whole table of controls: a control naming a {@code setting} says which values of it pass ({@code expect}, a
 * regular expression the whole value must match, ignoring case) and what to set instead ({@code fix}).
 *
 * @param control  the control's number, like {@code 3.1.20}
 * @param cisLevel the benchmark's profile level, 1 or 2
 * @param title    the control's title in the benchmark
 * @param setting  the server setting the control is about; null when the check's own rules judge it
 * @param expect   the values of {@code setting} that pass; required with {@code setting}
 * @param fix      the value (an SQL literal) a remediation sets; required with {@code setting}
 * @param advice   what else the remediation must say (a library to install first, say); may be empty
 * @param manual   why only a person can judge the control; empty for controls a rule judges
 * @param ifSetting a setting that decides whether the control applies (log_file_mode only matters with
 *                  logging_collector on); null when it always applies
 * @param ifExpect  the values of {@code ifSetting} under which the control applies
 */
public record CisControl(
        String control,
        @JsonProperty("level") int cisLevel,
        String title,
        String setting,
        String expect,
        String fix,
        String advice,
        String manual,
        @JsonProperty("if_setting") String ifSetting,
        @JsonProperty("if_expect") String ifExpect) {

    public CisControl {
        if (control == null || !control.matches("[1-9][0-9]*(\\.[0-9]+)*")) {
            throw new IllegalArgumentException("'control' must be a CIS control number like 3.1.20, got '" + control + "'");
        }
        if (cisLevel != 1 && cisLevel != 2) {
            throw new IllegalArgumentException("'level' of control " + control + " must be 1 or 2, got " + cisLevel);
        }
        Objects.requireNonNull(title, "'title' of control " + control + " must not be null");
        if (setting != null && (expect == null || fix == null)) {
            throw new IllegalArgumentException("control " + control + " names setting " + setting + ", so it needs 'expect' and 'fix'");
        }
        if (expect != null) {
            Pattern.compile(expect);
        }
        if ((ifSetting == null) != (ifExpect == null)) {
            throw new IllegalArgumentException("control " + control + " needs both 'if_setting' and 'if_expect', or neither");
        }
        if (ifExpect != null) {
            Pattern.compile(ifExpect);
        }
        advice = advice == null ? "" : advice.strip();
        manual = manual == null ? "" : manual.strip();
    }

    /** Whether a value matches a control's expression whole, ignoring case; a missing value never does. */
    public static boolean matches(String regex, String value) {
        return value != null && Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }

    /** The skip reason listing controls a person judges: {@code CIS 1.2 (level 1): <why>; ...}, in benchmark order. */
    public static String describeManual(java.util.Collection<?> controls) {
        return "judged by a person, not by pgwarden: " + controls.stream().map(CisControl.class::cast)
                .sorted(java.util.Comparator.comparing(CisControl::sortKey))
                .map(c -> "CIS " + c.control() + " (level " + c.cisLevel() + ", " + c.title() + "): " + c.manual())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** 3.1.9 before 3.1.10: each part of the number padded. */
    private String sortKey() {
        StringBuilder key = new StringBuilder();
        for (String part : control.split("\\.")) {
            key.append(String.format("%04d", Integer.parseInt(part)));
        }
        return key.toString();
    }

    /** The control as reports show it. */
    public ComplianceControl toReported() {
        return new ComplianceControl(control, cisLevel, title, !manual.isEmpty());
    }
}
