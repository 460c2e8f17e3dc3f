package io.grant.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * How table and column names are written into SQL. A plain lower-case identifier that is no reserved word
 * ({@code users}, {@code email_address}) is written unquoted, so it matches a table created without quotes on
 * every database, including H2, which folds unquoted names to upper case. Anything else ({@code order},
 * {@code "UserProfiles"}, {@code "first name"}) is quoted and so matched exactly: create such tables with the
 * same quoted name. Not API.
 */
public final class SqlNames {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    /** Reserved in at least one of SQL:2016, PostgreSQL, MariaDB/MySQL or H2 2.x. */
    private static final Set<String> RESERVED = Set.of((
            "a all alter analyze and any array as asc asymmetric authorization before between bigint binary "
            + "blob both by call cascade case cast change char character check collate column condition "
            + "constraint continue convert create cross current current_catalog current_date current_path "
            + "current_role current_schema current_time current_timestamp current_user cursor database "
            + "databases day day_hour day_microsecond day_minute day_second dec decimal declare default "
            + "deferrable delayed delete desc describe deterministic distinct distinctrow div do double drop "
            + "dual each else elseif enclosed end escaped except exists exit explain false fetch float float4 "
            + "float8 for force foreign freeze from full fulltext function generated get grant group groups "
            + "having high_priority hour hour_microsecond hour_minute hour_second if ignore ilike in index "
            + "infile initially inner inout insensitive insert int int1 int2 int3 int4 int8 integer "
            + "intersect interval into is isnull iterate join key keys kill lateral leading leave left like "
            + "limit linear lines load localtime localtimestamp lock long longblob longtext loop "
            + "low_priority match mediumblob mediumint mediumtext middleint minus minute minute_microsecond "
            + "minute_second mod modifies month natural not notnull no_write_to_binlog null numeric offset "
            + "on only optimize option optionally or order out outer outfile over overlaps partition placing "
            + "precision primary procedure purge qualify range read reads real references regexp release "
            + "rename repeat replace require restrict return returning revoke right rlike row rownum rows "
            + "schema schemas second second_microsecond select sensitive separator session_user set show "
            + "similar smallint some spatial specific sql sqlexception sqlstate sqlwarning ssl starting "
            + "straight_join symmetric system_user table terminated then tinyblob tinyint tinytext to top "
            + "trailing trigger true uescape undo union unique unknown unlock unsigned update usage use user "
            + "using utc_date utc_time utc_timestamp value values varbinary varchar varcharacter variadic "
            + "varying verbose when where while window with write xor year year_month zerofill _rowid_")
            .split(" "));

    private SqlNames() {}

    /** The jOOQ name for a table or column, quoted only where it must be. */
    public static Name name(String identifier) {
        return needsQuotes(identifier) ? DSL.quotedName(identifier) : DSL.unquotedName(identifier);
    }

    /** Whether {@code identifier} has to be quoted to mean exactly itself. */
    public static boolean needsQuotes(String identifier) {
        return !PLAIN.matcher(identifier).matches() || RESERVED.contains(identifier.toLowerCase(Locale.ROOT));
    }
}
