@testable import SwitchyardStore
import Testing

@Suite("PostgreSQL migration scripts")
struct SQLScriptTests {
    @Test("statements end at semicolons outside quotes, dollar-quoted bodies and comments")
    func splits() {
        let script = """
            -- the pool's health; not a statement
            CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $$
            BEGIN
                RETURN 'a;b';
            END
            $$;
            INSERT INTO t (a) VALUES ('it''s; here'), ($body$x;y$body$);
            -- trailing comment only
            """
        #expect(SQLScript.statements(script) == [
            "-- the pool's health; not a statement\nCREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $$\nBEGIN\n    RETURN 'a;b';\nEND\n$$",
            "INSERT INTO t (a) VALUES ('it''s; here'), ($body$x;y$body$)",
        ])
    }

    @Test("every PostgreSQL migration splits into statements that each hold code")
    func migrationsSplit() {
        for migration in EmbeddedMigrations.postgres {
            let statements = SQLScript.statements(migration.sql)
            #expect(!statements.isEmpty, "\(migration.identifier)")
            #expect(statements.allSatisfy { !$0.hasSuffix(";") }, "\(migration.identifier)")
        }
    }
}
