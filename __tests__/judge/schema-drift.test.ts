// Schema drift against the real PostgreSQL server: snapshot a database, change it the way a bad
// deploy would, and name each difference with the right class. The test owns a database of its own,
// since extensions belong to a whole database.
import { compareSchemas, judgeSchemaDrift } from '../../src/judge/schema-drift.js'
import { type SchemaSnapshot } from '../../src/model/observation.js'
import { snapshotSchema } from '../../src/probes/postgres-schema.js'
import { ADMIN_URL, sql } from '../support/postgres.js'

const database = `dv_drift_${process.pid}`
const url = `postgres://postgres@127.0.0.1:5432/${database}`

beforeAll(async () => {
  await sql(ADMIN_URL, `CREATE DATABASE ${database}`)
  await sql(
    url,
    'CREATE EXTENSION pg_trgm',
    'CREATE TABLE documents (id serial PRIMARY KEY, title text NOT NULL, body text)',
    'CREATE INDEX documents_title ON documents (title)',
    'CREATE TABLE jobs (id int PRIMARY KEY, status text)',
    'CREATE TABLE schema_migrations (version text)',
    "INSERT INTO schema_migrations VALUES ('0001'), ('0002')"
  )
})

afterAll(async () => {
  await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
})

const snapshot = () => snapshotSchema(url, { timeoutMs: 5000, migrationsTable: 'schema_migrations' })

describe('a schema snapshot', () => {
  let baseline: SchemaSnapshot
  beforeAll(async () => {
    baseline = await snapshot()
  })

  test('holds extensions with versions, column types, indexes, constraints and the latest migration', () => {
    expect(baseline.extensions).toHaveProperty('pg_trgm')
    expect(baseline.tables['public.documents']).toEqual({ id: 'integer', title: 'text', body: 'text' })
    expect(baseline.indexes['public.documents_title']).toBe(
      'CREATE INDEX documents_title ON public.documents USING btree (title)'
    )
    expect(baseline.constraints['public.jobs.jobs_pkey']).toBe('PRIMARY KEY (id)')
    expect(baseline.migration).toBe('0002')
  })

  test('is unchanged when the database is', async () => {
    expect(compareSchemas(baseline, await snapshot())).toEqual([])
  })

  test('names a dropped table and extension as failures and an added index as a warning', async () => {
    await sql(
      url,
      'DROP TABLE jobs',
      'DROP EXTENSION pg_trgm',
      'CREATE INDEX documents_body ON documents (body)'
    )
    expect(compareSchemas(baseline, await snapshot())).toEqual([
      expect.objectContaining({ kind: 'missing-extension', severity: 'failed', subject: 'pg_trgm' }),
      {
        kind: 'missing-table',
        severity: 'failed',
        subject: 'public.jobs',
        message: 'table public.jobs does not exist'
      },
      expect.objectContaining({ kind: 'extra-index', severity: 'warning', subject: 'public.documents_body' })
    ])
  })
})

describe('schema differences', () => {
  const base: SchemaSnapshot = {
    extensions: { vector: '0.7.0' },
    tables: { 'public.documents': { id: 'integer', embedding: 'vector(3)' } },
    indexes: {},
    constraints: { 'public.documents.documents_pkey': 'PRIMARY KEY (id)' },
    migration: '0002'
  }

  test('a changed column type or a missing constraint fails; a newer extension or migration warns', () => {
    const live: SchemaSnapshot = {
      extensions: { vector: '0.8.0' },
      tables: { 'public.documents': { id: 'integer', embedding: 'vector(1536)', title: 'text' } },
      indexes: {},
      constraints: {},
      migration: '0003'
    }
    expect(compareSchemas(base, live).map(d => [d.kind, d.severity, d.subject, d.message])).toEqual([
      ['extension-version', 'warning', 'vector', 'extension vector is 0.8.0, the baseline had 0.7.0'],
      [
        'column-type',
        'failed',
        'public.documents.embedding',
        'column public.documents.embedding is vector(1536), the baseline had vector(3)'
      ],
      [
        'extra-column',
        'warning',
        'public.documents.title',
        'column public.documents.title is not in the baseline'
      ],
      [
        'missing-constraint',
        'failed',
        'public.documents.documents_pkey',
        'constraint public.documents.documents_pkey is missing: PRIMARY KEY (id)'
      ],
      ['migration', 'warning', 'migration', 'the latest migration is 0003, the baseline had 0002']
    ])
  })
})

describe('what a missing table takes with it', () => {
  const base: SchemaSnapshot = {
    extensions: { pg_trgm: '1.6' },
    tables: {
      'public.jobs': { id: 'integer', status: 'text' },
      'public.job': { id: 'integer' },
      'public.users': { id: 'integer', email: 'text' }
    },
    indexes: {
      'public.jobs_status': 'CREATE INDEX jobs_status ON public.jobs USING btree (status)',
      'public.users_email': 'CREATE INDEX users_email ON public.users USING btree (email)'
    },
    constraints: {
      'public.jobs.jobs_pkey': 'PRIMARY KEY (id)',
      'public.users.users_pkey': 'PRIMARY KEY (id)'
    },
    migration: null
  }

  test('its columns, indexes and constraints are said by the table alone; the rest is named', () => {
    const live: SchemaSnapshot = {
      extensions: {},
      tables: {
        'public.job': { id: 'integer' },
        'public.users': { id: 'integer' },
        'public.audit': { at: 'date' }
      },
      indexes: { 'public.audit_at': 'CREATE INDEX audit_at ON public.audit USING btree (at)' },
      constraints: { 'public.audit.audit_at_check': 'CHECK (at > 2000-01-01)' },
      migration: '0001'
    }
    expect(compareSchemas(base, live)).toEqual([
      {
        kind: 'missing-extension',
        severity: 'failed',
        subject: 'pg_trgm',
        message: 'extension pg_trgm 1.6 is not installed'
      },
      {
        kind: 'missing-table',
        severity: 'failed',
        subject: 'public.jobs',
        message: 'table public.jobs does not exist'
      },
      {
        kind: 'missing-column',
        severity: 'failed',
        subject: 'public.users.email',
        message: 'column public.users.email (text) does not exist'
      },
      {
        kind: 'extra-table',
        severity: 'warning',
        subject: 'public.audit',
        message: 'table public.audit is not in the baseline'
      },
      {
        kind: 'missing-index',
        severity: 'warning',
        subject: 'public.users_email',
        message:
          'index public.users_email is missing: CREATE INDEX users_email ON public.users USING btree (email)'
      },
      {
        kind: 'extra-index',
        severity: 'warning',
        subject: 'public.audit_at',
        message:
          'index public.audit_at is not in the baseline: CREATE INDEX audit_at ON public.audit USING btree (at)'
      },
      {
        kind: 'missing-constraint',
        severity: 'failed',
        subject: 'public.users.users_pkey',
        message: 'constraint public.users.users_pkey is missing: PRIMARY KEY (id)'
      },
      {
        kind: 'extra-constraint',
        severity: 'warning',
        subject: 'public.audit.audit_at_check',
        message: 'constraint public.audit.audit_at_check is not in the baseline: CHECK (at > 2000-01-01)'
      },
      {
        kind: 'migration',
        severity: 'warning',
        subject: 'migration',
        message: 'the latest migration is 0001, the baseline had none'
      }
    ])
  })

  test('an index is not taken for one of a missing table whose name merely starts the same', () => {
    const { 'public.job': _gone, ...tables } = base.tables
    const live: SchemaSnapshot = { ...base, tables, indexes: {}, migration: '0002' }
    expect(compareSchemas(base, live)).toEqual([
      expect.objectContaining({ kind: 'missing-table', subject: 'public.job' }),
      expect.objectContaining({ kind: 'missing-index', subject: 'public.jobs_status' }),
      expect.objectContaining({ kind: 'missing-index', subject: 'public.users_email' }),
      expect.objectContaining({ message: 'the latest migration is 0002, the baseline had none' })
    ])
    expect(compareSchemas({ ...base, migration: '0002' }, base).map(d => d.message)).toEqual([
      'the latest migration is none, the baseline had 0002'
    ])
  })
})

describe('the schema drift verdict', () => {
  const live: SchemaSnapshot = {
    extensions: { vector: '0.8.0' },
    tables: { 'public.a': {}, 'public.b': {} },
    indexes: {},
    constraints: {},
    migration: null
  }
  const difference = (severity: 'failed' | 'warning', message: string) => ({
    kind: 'extra-table' as const,
    severity,
    subject: 's',
    message
  })

  test('no difference passes, saying what was compared', () => {
    expect(judgeSchemaDrift([], live)).toEqual({
      status: 'passed',
      message: 'same schema as the baseline (2 tables, 1 extension)'
    })
  })

  test('differences that only differ warn; one that breaks code fails; each is told', () => {
    expect(judgeSchemaDrift([difference('warning', 'a'), difference('warning', 'b')], live)).toEqual({
      status: 'warning',
      message: 'a; b'
    })
    expect(judgeSchemaDrift([difference('warning', 'a'), difference('failed', 'b')], live)).toEqual({
      status: 'failed',
      message: 'a; b'
    })
  })
})
