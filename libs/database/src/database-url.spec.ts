import { assertDatabaseName, redactUrl, serviceDatabaseName, withDatabase } from './database-url';
import { uniqueDatabaseName } from './test-database';

describe('database URLs and names', () => {
  it('names a service database per province', () => {
    expect(serviceDatabaseName('registry-office', '44')).toBe('registry_office_44');
    expect(serviceDatabaseName('Production Center', 11)).toBe('production_center_11');
    expect(() => serviceDatabaseName('registry-office', '4')).toThrow(/province code/);
  });

  it('accepts only plain lower-case names of at most 63 characters', () => {
    expect(() => assertDatabaseName('registry_office_44')).not.toThrow();
    expect(() => assertDatabaseName('_x')).not.toThrow();
    expect(() => assertDatabaseName('a'.repeat(63))).not.toThrow();
    for (const bad of ['', 'a'.repeat(64), 'Upper', '4x', 'with-dash', 'sp ace', 'quote"', 'semi;colon']) {
      expect(() => assertDatabaseName(bad)).toThrow(/Invalid database name/);
    }
  });

  it('points a URL at another database, keeping credentials, host and parameters', () => {
    expect(withDatabase('postgres://u:p%40ss@db.example:5433/postgres?sslmode=require', 'registry_office_44')).toBe(
      'postgres://u:p%40ss@db.example:5433/registry_office_44?sslmode=require',
    );
    expect(withDatabase('postgresql://u@localhost', 'x')).toBe('postgresql://u@localhost/x');
    expect(() => withDatabase('mysql://u@h/db', 'x')).toThrow(/Invalid PostgreSQL URL/);
  });

  it('redacts passwords for logs', () => {
    expect(redactUrl('postgres://u:secret@h:1/db')).toBe('postgres://u:***@h:1/db');
    expect(redactUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(redactUrl('not a url://u:secret@h')).not.toContain('secret');
  });

  it('makes unique, valid test database names', () => {
    const names = new Set(Array.from({ length: 100 }, () => uniqueDatabaseName('My Suite!')));
    expect(names.size).toBe(100);
    for (const name of names) {
      expect(() => assertDatabaseName(name)).not.toThrow();
      expect(name.startsWith('my_suite_')).toBe(true);
    }
    expect(() => assertDatabaseName(uniqueDatabaseName('x'.repeat(100)))).not.toThrow();
  });
});
