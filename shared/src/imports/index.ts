/**
 * Bulk imports (the offices exchange Excel): a file arrives in chunks of rows, each row checked
 * as it is staged; at commit, rows are checked against each other (the same child twice) and
 * against the database, set-wise, and the whole file is written in one transaction — or, if any
 * row is bad, nothing is, and every bad row is reported with its row number and column.
 * Re-importing a file changes nothing: a file already committed (same SHA-256) is recognised at
 * once, and rows identical to what is on record are counted as unchanged, not written.
 *
 * The rows stay in the owning department's own database (`import_row`) until the commit, so
 * neither the client nor the service holds a 200,000-row file in memory (the commit keeps only the
 * linkage keys of the persons it writes, for their audit entries).
 *
 * Scope: an importer names the scopes that may import at all (`scopes`), and each row outside
 * the caller's scope (another school, another community) is refused with the one answer
 * `outsideScope` gives, whatever is on record. A row inside the scope whose person is on record
 * outside it is refused with `recordedOutsideScope`, which says nothing of that record. So what
 * a caller learns about a row depends only on the row and on records inside their scope — apart
 * from the one fact a district-wide unique record cannot hide: that this person cannot be created
 * here because they are on record somewhere else in the district.
 *
 * Audit: a committed import writes one WRITE entry per person written (their linkage key), in the
 * commit's transaction.
 */
export * from './batch';
export * from './cells';
export * from './commit';
export * from './importer';
export * from './resolver';
