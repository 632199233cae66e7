import t from 'tap'
import { DotskillsError } from '../../lib/errors.js'
import {
  matchesPatterns,
  normalizeGitUrl,
  parseSource,
  redactUrl,
  sourceKey,
  toConfigEntry,
  type ConfigSourceEntry,
  type SourceSpec,
  type SpecOverrides,
} from '../../lib/sources/specifier.js'

const ctx = { baseDir: '/work/proj', home: '/home/me' }
const parse = (input: string | ConfigSourceEntry, overrides?: SpecOverrides) => parseSource(input, { ...ctx, overrides })
const GH = 'https://github.com/'

t.test('GitHub shorthand', async (t) => {
  const cases: [string, Partial<SourceSpec>][] = [
    ['owner/repo', { name: 'repo', kind: 'git', url: GH + 'owner/repo.git' }],
    ['owner/repo.git', { name: 'repo', kind: 'git', url: GH + 'owner/repo.git' }],
    ['Owner-1/My.Repo_x', { name: 'my.repo_x', kind: 'git', url: GH + 'Owner-1/My.Repo_x.git' }],
    ['owner/repo@v1.2.0', { name: 'repo', kind: 'git', url: GH + 'owner/repo.git', ref: 'v1.2.0' }],
    ['owner/repo@feature/x', { name: 'repo', kind: 'git', url: GH + 'owner/repo.git', ref: 'feature/x' }],
    ['owner/repo/skills', { name: 'skills', kind: 'git', url: GH + 'owner/repo.git', path: 'skills' }],
    ['owner/repo/skills/Code_Review', { name: 'code_review', kind: 'git', url: GH + 'owner/repo.git', path: 'skills/Code_Review' }],
    ['owner/repo/@scope', { name: 'scope', kind: 'git', url: GH + 'owner/repo.git', path: '@scope' }],
    ['owner/repo/a/b@0123456789abcdef0123456789abcdef01234567', {
      name: 'b', kind: 'git', url: GH + 'owner/repo.git', path: 'a/b', ref: '0123456789abcdef0123456789abcdef01234567',
    }],
    // a folder like @scope/pkg is a path, the ref follows the last '@' inside a segment
    ['owner/repo/@scope/pkg@v2', { name: 'pkg', kind: 'git', url: GH + 'owner/repo.git', path: '@scope/pkg', ref: 'v2' }],
    ['owner/repo/./skills/', { name: 'skills', kind: 'git', url: GH + 'owner/repo.git', path: 'skills' }],
    ['github:owner/repo', { name: 'repo', kind: 'git', url: GH + 'owner/repo.git' }],
    ['github:owner/repo/skills@v1', { name: 'skills', kind: 'git', url: GH + 'owner/repo.git', path: 'skills', ref: 'v1' }],
    ['github.com/owner/repo', { name: 'repo', kind: 'git', url: GH + 'owner/repo.git' }],
    ['  owner/repo  ', { name: 'repo', kind: 'git', url: GH + 'owner/repo.git' }],
  ]
  for (const [input, want] of cases) t.same(parse(input), { notes: [], ...want }, input)
})

t.test('https and http URLs', async (t) => {
  const cases: [string, Partial<SourceSpec>][] = [
    ['https://github.com/o/r', { name: 'r', url: GH + 'o/r.git' }],
    ['https://github.com/o/r.git', { name: 'r', url: GH + 'o/r.git' }],
    ['https://GitHub.COM/O/Repo/', { name: 'repo', url: GH + 'O/Repo.git' }],
    ['https://gitlab.com/group/sub/r', { name: 'r', url: 'https://gitlab.com/group/sub/r.git' }],
    ['https://gitlab.com/group/r.git', { name: 'r', url: 'https://gitlab.com/group/r.git' }],
    ['https://bitbucket.org/team/r', { name: 'r', url: 'https://bitbucket.org/team/r.git' }],
    ['https://bitbucket.org/team/r.git', { name: 'r', url: 'https://bitbucket.org/team/r.git' }],
    // another host: no .git added, explicit port kept, path case kept
    ['https://Git.Example.com:8443/Team/Skills', { name: 'skills', url: 'https://git.example.com:8443/Team/Skills' }],
    ['https://git.example.com:8443/team/skills.git', { name: 'skills', url: 'https://git.example.com:8443/team/skills.git' }],
    ['https://git.example.com:443/team/skills.git', { name: 'skills', url: 'https://git.example.com/team/skills.git' }],
    ['http://127.0.0.1:8080/r.git', { name: 'r', url: 'http://127.0.0.1:8080/r.git' }],
    ['http://git.internal/r', { name: 'r', url: 'http://git.internal/r' }],
    // browser URLs
    ['https://github.com/o/r/tree/main', { name: 'r', url: GH + 'o/r.git', ref: 'main' }],
    ['https://github.com/o/r/tree/v1.0/skills/review', { name: 'review', url: GH + 'o/r.git', ref: 'v1.0', path: 'skills/review' }],
    ['https://github.com/o/r/tree/main/my%20skills', { name: 'my-skills', url: GH + 'o/r.git', ref: 'main', path: 'my skills' }],
    ['https://gitlab.com/g/sub/r/-/tree/dev/skills', { name: 'skills', url: 'https://gitlab.com/g/sub/r.git', ref: 'dev', path: 'skills' }],
    ['https://gitlab.example.com/g/r/-/tree/main', { name: 'r', url: 'https://gitlab.example.com/g/r', ref: 'main' }],
    ['https://bitbucket.org/team/r/src/v2/skills', { name: 'skills', url: 'https://bitbucket.org/team/r.git', ref: 'v2', path: 'skills' }],
  ]
  for (const [input, want] of cases) t.same(parse(input), { kind: 'git', notes: [], ...want }, input)

  const q = parse('https://git.example.com/r.git?private_token=SECRET#readme')
  t.equal(q.url, 'https://git.example.com/r.git')
  t.same(q.notes, ['ignoring the query string and fragment of https://git.example.com/r.git'])
})

t.test('credentials are stripped, the note never shows them', async (t) => {
  const cases: [string, string][] = [
    ['https://user:hunter2@github.com/o/r', GH + 'o/r.git'],
    ['https://ghp_SECRETTOKEN@github.com/o/r.git', GH + 'o/r.git'],
    ['https://oauth2:glpat-SECRET@gitlab.com/g/r/-/tree/main/x', 'https://gitlab.com/g/r.git'],
    ['https://x:p%40ss@git.example.com:8443/r.git', 'https://git.example.com:8443/r.git'],
  ]
  for (const [input, url] of cases) {
    const s = parse(input)
    t.equal(s.url, url, input)
    t.equal(s.notes.length, 1, input)
    t.match(s.notes[0], /^ignoring the credentials in https:\/\/[^@]+: set auth: env:NAME \(--auth env:NAME\)/, input)
    t.notMatch(s.notes.join(' '), /hunter2|SECRET|ghp_|p%40ss|user:|oauth2/, input)
  }
  t.equal(parse('https://tok@github.com/o/r').notes[0], 'ignoring the credentials in https://github.com/o/r: set auth: env:NAME (--auth env:NAME) to use a token from the environment')
})

t.test('ssh, SCP-like and git:// become https', async (t) => {
  const cases: [string, string, string][] = [
    ['git@github.com:o/r.git', GH + 'o/r.git', 'using https for git@github.com:o/r.git'],
    ['git@github.com:o/r', GH + 'o/r.git', 'using https for git@github.com:o/r'],
    ['git@GitLab.com:g/sub/r.git', 'https://gitlab.com/g/sub/r.git', 'using https for git@GitLab.com:g/sub/r.git'],
    ['deploy@git.example.com:/srv/r.git', 'https://git.example.com/srv/r.git', 'using https for deploy@git.example.com:/srv/r.git'],
    ['github.com:o/r.git', GH + 'o/r.git', 'using https for github.com:o/r.git'],
    ['ssh://git@github.com/o/r.git', GH + 'o/r.git', 'using https for ssh://git@github.com/o/r.git'],
    ['ssh://git@git.example.com:2222/team/r.git', 'https://git.example.com/team/r.git', 'using https for ssh://git@git.example.com:2222/team/r.git'],
    ['ssh://Git.Example.com/team/r', 'https://git.example.com/team/r', 'using https for ssh://Git.Example.com/team/r'],
    ['git+ssh://git@bitbucket.org/team/r', 'https://bitbucket.org/team/r.git', 'using https for git+ssh://git@bitbucket.org/team/r'],
    ['git://git.example.com:9418/r.git', 'https://git.example.com/r.git', 'using https for git://git.example.com:9418/r.git'],
  ]
  for (const [input, url, note] of cases) {
    const s = parse(input)
    t.equal(s.kind, 'git', input)
    t.equal(s.url, url, input)
    t.same(s.notes, [note], input)
  }
  const pw = parse('ssh://git:SECRET@git.example.com/r.git')
  t.equal(pw.url, 'https://git.example.com/r.git')
  t.same(pw.notes, [
    'using https for ssh://git.example.com/r.git',
    'ignoring the credentials in ssh://git.example.com/r.git: set auth: env:NAME (--auth env:NAME) to use a token from the environment',
  ])
})

t.test('local folders', async (t) => {
  const cases: [string, string, string][] = [
    ['./skills', '/work/proj/skills', 'skills'],
    ['../shared/My Skills', '/work/shared/My Skills', 'my-skills'],
    ['.', '/work/proj', 'proj'],
    ['..', '/work', 'work'],
    ['/opt/skills', '/opt/skills', 'skills'],
    ['~', '/home/me', 'me'],
    ['~/dotfiles/skills', '/home/me/dotfiles/skills', 'skills'],
    ['file:///srv/team%20skills', '/srv/team skills', 'team-skills'],
    ['file://localhost/srv/x', '/srv/x', 'x'],
    ['file:./rel', '/work/proj/rel', 'rel'],
    ['file:~/x', '/home/me/x', 'x'],
  ]
  for (const [input, dir, name] of cases) t.same(parse(input), { name, kind: 'local', dir, notes: [] }, input)
  // a config entry resolves against the config's folder
  t.equal(parseSource('./skills', { baseDir: '/home/me/dotfiles', home: '/home/me' }).dir, '/home/me/dotfiles/skills')
  // with a path inside the folder
  t.same(parse('./repo', { path: 'skills/a' }), { name: 'a', kind: 'local', dir: '/work/proj/repo', path: 'skills/a', notes: [] })
  // nothing else is local: a bare folder name is GitHub shorthand
  t.equal(parse('skills/foo').kind, 'git')
})

t.test('config objects and overrides', async (t) => {
  t.same(parse({ url: 'o/r', ref: 'v1', path: 'skills', include: ['a*'], exclude: ['a-draft'], auth: 'env:GH_TOKEN', name: 'team' }), {
    name: 'team', kind: 'git', url: GH + 'o/r.git', ref: 'v1', path: 'skills', include: ['a*'], exclude: ['a-draft'], auth: 'env:GH_TOKEN', notes: [],
  })
  // CLI overrides win over the string and over object keys
  t.same(parse('o/r/skills', { name: 'mine', path: 'other', ref: 'dev', include: ['x'], auth: 'env:T' }), {
    name: 'mine', kind: 'git', url: GH + 'o/r.git', ref: 'dev', path: 'other', include: ['x'], auth: 'env:T',
    notes: ['using path "other" instead of "skills" from "o/r/skills"'],
  })
  t.same(parse({ url: 'o/r', path: 'a', include: ['a'] }, { path: 'b', include: ['b'] }), {
    name: 'b', kind: 'git', url: GH + 'o/r.git', path: 'b', include: ['b'], notes: [],
  })
  t.equal(parse('o/r/skills', { path: '.' }).path, undefined, "path '.' is the root")
  t.equal(parse('o/r/skills', { path: '.' }).name, 'r')
  // the same ref given twice is fine
  t.equal(parse('o/r@v1', { ref: 'v1' }).ref, 'v1')
  t.equal(parse('https://github.com/o/r/tree/v1/x', { ref: 'v1' }).ref, 'v1')
  // empty lists from the command line mean "not given"
  t.same(parse({ url: 'o/r', include: ['a'] }, { include: [], exclude: [] }).include, ['a'])
  t.equal(parse({ url: 'o/r', exclude: [] }).exclude, undefined)
})

t.test('invalid input: usage errors with one-line messages', async (t) => {
  const cases: [string | ConfigSourceEntry, SpecOverrides | undefined, string][] = [
    ['', undefined, 'empty source (expected owner/repo, an https URL, git@host:path or ./folder)'],
    ['   ', undefined, 'empty source (expected owner/repo, an https URL, git@host:path or ./folder)'],
    ['x', undefined, 'not a source: "x" (expected owner/repo, an https URL, git@host:path or ./folder)'],
    ['-o/r', undefined, 'not a source: "-o/r" (expected owner/repo, an https URL, git@host:path or ./folder)'],
    ['o/r x', undefined, 'not a source: "o/r x" (expected owner/repo, an https URL, git@host:path or ./folder)'],
    ['skills\\foo', undefined, 'not a source: "skills\\\\foo" (expected owner/repo, an https URL, git@host:path or ./folder)'],
    ['github:o', undefined, 'not a source: "github:o" (expected github:owner/repo[/folder][@ref])'],
    ['gitlab:o/r', undefined, 'not a source: "gitlab:o/r" (unsupported scheme "gitlab:"; expected owner/repo, an https URL, git@host:path or ./folder)'],
    ['ftp://host/r.git', undefined, 'not a source: "ftp://host/r.git" (unsupported URL scheme "ftp:"; use https://)'],
    ['ftp://u:SECRET@host/r.git', undefined, 'not a source: "ftp://host/r.git" (unsupported URL scheme "ftp:"; use https://)'],
    ['file://server/share', undefined, 'not a source: "file://server/share" (file: URLs with a host are not supported; use file:///absolute/path or ./folder)'],
    ['file:', undefined, 'not a source: "file:" (expected file:<folder>)'],
    ['https://github.com/o/r/issues/3', undefined, 'not a source: "https://github.com/o/r/issues/3" (not a repository URL; use https://github.com/<owner>/<repo> or …/tree/<ref>/<folder>)'],
    ['https://github.com/o', undefined, 'not a source: "https://github.com/o" (not a repository URL; use https://github.com/<owner>/<repo> or …/tree/<ref>/<folder>)'],
    ['https://gitlab.com/g/r/-/issues', undefined, 'not a source: "https://gitlab.com/g/r/-/issues" (not a repository URL; use …/<repo> or …/<repo>/-/tree/<ref>/<folder>)'],
    ['https://[bad/r', undefined, 'not a source: "https://[bad/r" (not a valid URL)'],
    ['https://git.example.com/', undefined, 'not a source: "https://git.example.com/" (no repository path in URL)'],
    ['https://github.com/o/r/tree', undefined, 'not a source: "https://github.com/o/r/tree" (no ref after tree/ in URL)'],
    ['git@host.com:~me/r.git', undefined, 'not a source: "git@host.com:~me/r.git" (the path after host: must name a repository, e.g. git@github.com:owner/repo.git)'],
    ['o/r@', undefined, 'empty ref after \'@\' in "o/r@"'],
    ['o/r/../x', undefined, 'invalid path "../x": \'..\' would leave the source'],
    ['o/r', { path: '/abs' }, 'invalid path "/abs": it must be relative to the root of the source'],
    ['o/r', { path: 'a/../../b' }, 'invalid path "a/../../b": \'..\' would leave the source'],
    ['o/r', { path: 'a\\b' }, 'invalid path "a\\b": use \'/\' as the separator'],
    ['o/r', { path: '' }, 'empty path (use . for the root of the source)'],
    ['o/r', { ref: 'my branch' }, 'invalid ref "my branch": spaces and control characters are not allowed'],
    ['o/r', { ref: 'a\tb' }, 'invalid ref "a\\tb": spaces and control characters are not allowed'],
    ['o/r@v1..v2', undefined, 'invalid ref "v1..v2": \'..\' is not allowed'],
    ['o/r', { ref: '-x' }, "invalid ref \"-x\": it may not start with '-'"],
    ['o/r', { ref: '--upload-pack=evil' }, "invalid ref \"--upload-pack=evil\": it may not start with '-'"],
    ['o/r', { ref: 'HEAD~1' }, 'invalid ref "HEAD~1": ~ ^ : ? * [ \\ and @{ are not allowed'],
    ['o/r', { ref: 'main.lock' }, "invalid ref \"main.lock\": it may not start or end with '/', end with '.' or '.lock', or contain '//'"],
    ['o/r', { ref: '' }, 'invalid ref "": empty'],
    ['o/r@v1', { ref: 'v2' }, 'two different refs for one source: "v1" in "o/r@v1" and "v2" from --ref'],
    [{ url: 'o/r@v1', ref: 'v2' }, undefined, 'two different refs for one source: "v1" in "o/r@v1" and "v2" from ref:'],
    [{ url: 'o/r', ref: 'v1' }, { ref: 'v2' }, 'two different refs for one source: "v1" from ref: and "v2" from --ref'],
    ['o/r', { auth: 'GH_TOKEN' }, 'invalid auth "…": expected env:NAME (NAME = an environment variable holding the token)'],
    ['o/r', { auth: 'ghp_secret' }, 'invalid auth "…": expected env:NAME (NAME = an environment variable holding the token)'],
    ['o/r', { auth: 'env:1X' }, 'invalid auth "env:1X": expected env:NAME (NAME = an environment variable holding the token)'],
    ['o/r', { name: 'My Skills' }, 'invalid source name "My Skills": use lowercase letters and digits, with single \'-\', \'.\' or \'_\' inside (e.g. "my-skills")'],
    ['o/r', { name: 'a--b' }, 'invalid source name "a--b": use lowercase letters and digits, with single \'-\', \'.\' or \'_\' inside (e.g. "my-skills")'],
    ['o/r', { name: '' }, 'invalid source name "": use lowercase letters and digits, with single \'-\', \'.\' or \'_\' inside (e.g. "my-skills")'],
    ['o/r', { include: ['a?'] }, "invalid include pattern \"a?\": only '*' is a wildcard, and skill names have no '/'"],
    ['o/r', { exclude: [''] }, "invalid exclude pattern \"\": expected a skill name, '*' as wildcard"],
    [{ url: 'o/r', include: [] }, undefined, 'include is an empty list: the source would install nothing'],
    ['./skills', { ref: 'v1' }, 'a ref applies only to git sources, and "./skills" is a local folder'],
    ['./skills', { auth: 'env:T' }, 'auth applies only to git sources, and "./skills" is a local folder'],
    ['/', undefined, 'cannot derive a name for "/"'],
    [{ url: 42 } as unknown as ConfigSourceEntry, undefined, 'a source object needs a url (owner/repo, an https URL, git@host:path or ./folder)'],
    [{ url: 'o/r', include: 'a' } as unknown as ConfigSourceEntry, undefined, 'source "o/r": include must be a list of skill-name patterns'],
    [{ url: 'o/r', ref: 1 } as unknown as ConfigSourceEntry, undefined, 'source "o/r": ref must be a string'],
  ]
  for (const [input, overrides, message] of cases) {
    const label = JSON.stringify([input, overrides])
    try {
      parse(input, overrides)
      t.fail(`accepted ${label}`)
    } catch (err) {
      t.ok(err instanceof DotskillsError, label)
      t.equal((err as DotskillsError).code, 'E_USAGE', label)
      t.equal((err as DotskillsError).message, message, label)
      t.notMatch((err as DotskillsError).message, /\n|SECRET/, label)
    }
  }
  const e = (() => {
    try {
      parse('/')
    } catch (err) {
      return err as DotskillsError
    }
  })()
  t.equal(e?.details.hint, 'give one with --name (or name: in the config)')
})

t.test('normalizeGitUrl', async (t) => {
  const cases: [string, string, string | undefined][] = [
    ['https://github.com/o/r', GH + 'o/r.git', undefined],
    ['HTTPS://GITHUB.COM/o/r.git', GH + 'o/r.git', undefined],
    ['https://github.com/o/r/tree/main/skills', GH + 'o/r.git', undefined],
    ['https://git.example.com:8443/a/b', 'https://git.example.com:8443/a/b', undefined],
    ['http://localhost:3000/r.git', 'http://localhost:3000/r.git', undefined],
    ['git@github.com:o/r', GH + 'o/r.git', 'using https for git@github.com:o/r'],
    ['ssh://git@host.example:22/x/y.git', 'https://host.example/x/y.git', 'using https for ssh://git@host.example:22/x/y.git'],
    ['git://host.example/y', 'https://host.example/y', 'using https for git://host.example/y'],
    ['https://t0ken@gitlab.com/g/r', 'https://gitlab.com/g/r.git', 'ignoring the credentials in https://gitlab.com/g/r: set auth: env:NAME (--auth env:NAME) to use a token from the environment'],
  ]
  for (const [input, url, note] of cases) {
    const got = normalizeGitUrl(input)
    t.same(got, note === undefined ? { url } : { url, note }, input)
    t.same(normalizeGitUrl(got.url), { url }, `idempotent: ${input}`)
  }
  for (const bad of ['o/r', './x', 'file:///x', 'ftp://h/x']) t.throws(() => normalizeGitUrl(bad), { code: 'E_USAGE' }, bad)
  t.throws(() => normalizeGitUrl('o/r'), { message: 'not a git URL: "o/r" (expected https://host/path, ssh://host/path or git@host:path)' })
})

t.test('redactUrl', async (t) => {
  t.equal(
    redactUrl('clone https://user:pa55@github.com/o/r.git failed; retried http://TOKEN@10.0.0.1:8080/x and https://a:b@c@host/y (see https://ok.example/z)'),
    'clone https://github.com/o/r.git failed; retried http://10.0.0.1:8080/x and https://host/y (see https://ok.example/z)',
  )
  t.equal(redactUrl('no urls here, user@host:path stays'), 'no urls here, user@host:path stays')
  t.equal(redactUrl('https://github.com/o/r@v1 keeps the @ref'), 'https://github.com/o/r@v1 keeps the @ref')
  t.equal(redactUrl('ssh://git@host/r and ssh://git:pw@host/r'), 'ssh://git@host/r and ssh://host/r', 'an ssh user name is not a secret')
  t.equal(redactUrl('"https://x-access-token:ghs_abc@github.com/o/r"'), '"https://github.com/o/r"')
})

t.test('sourceKey', async (t) => {
  const key = (s: string, o?: SpecOverrides) => sourceKey(parse(s, o))
  t.equal(key('o/r'), 'git:https://github.com/o/r.git#')
  t.equal(key('o/r@v1'), key('o/r@v2'), 'the ref is not part of the identity')
  t.equal(key('o/r'), key('https://github.com/o/r'))
  t.equal(key('o/r'), key('git@github.com:o/r.git'))
  t.equal(key('O/R'), key('o/r'), 'GitHub names are case-insensitive')
  t.equal(key('o/r', { name: 'other' }), key('o/r'), 'nor is the name')
  t.equal(key('o/r/skills'), 'git:https://github.com/o/r.git#skills')
  t.equal(key('o/r/skills'), key('https://github.com/o/r/tree/main/skills'))
  t.not(key('o/r/skills'), key('o/r'), 'a different folder is a different source')
  t.not(key('https://git.example.com/O/R'), key('https://git.example.com/o/r'), 'other hosts may be case-sensitive')
  t.equal(key('./skills'), 'local:/work/proj/skills#')
  t.equal(key('./skills'), key('/work/proj/skills'))
  t.not(key('./skills'), key('o/skills'))
})

t.test('matchesPatterns', async (t) => {
  const cases: [string, string[] | undefined, string[] | undefined, boolean][] = [
    ['review', undefined, undefined, true],
    ['review', ['review'], undefined, true],
    ['review', ['rev'], undefined, false],
    ['review', ['rev*'], undefined, true],
    ['review', ['*view'], undefined, true],
    ['review', ['r*v*w'], undefined, true],
    ['review', ['*'], undefined, true],
    ['review', ['review*'], undefined, true, ],
    ['review', ['a', 'b'], undefined, false],
    ['review', [], undefined, false],
    ['review', undefined, ['review'], false],
    ['review', ['*'], ['*view'], false],
    ['review', ['re*'], ['other'], true],
    ['a.b', ['a?b'], undefined, false],
    ['a.b', ['a.b'], undefined, true],
    ['axb', ['a.b'], undefined, false],
    ['x(y)', ['x(*)'], undefined, true],
  ]
  for (const [name, inc, exc, want] of cases) t.equal(matchesPatterns(name, inc, exc), want, JSON.stringify([name, inc, exc]))
})

t.test('toConfigEntry', async (t) => {
  const cfg = { configDir: '/home/me/dotfiles', home: '/home/me' }
  const cases: [string, SpecOverrides | undefined, string | ConfigSourceEntry][] = [
    ['o/r', undefined, 'o/r'],
    ['o/r/skills@v1', undefined, 'o/r/skills@v1'],
    ['https://gitlab.com/g/r', undefined, 'https://gitlab.com/g/r'],
    ['o/r', { ref: 'v1' }, 'o/r@v1'],
    ['o/r', { path: 'skills', ref: 'v1' }, 'o/r/skills@v1'],
    ['https://git.example.com/r.git', { ref: 'v1' }, { url: 'https://git.example.com/r.git', ref: 'v1' }],
    ['o/r', { name: 'r' }, 'o/r'],
    ['o/r', { name: 'team' }, { name: 'team', url: 'o/r' }],
    ['o/r', { include: ['a*'], exclude: ['a-x'] }, { url: 'o/r', include: ['a*'], exclude: ['a-x'] }],
    ['o/r', { auth: 'env:GH_TOKEN' }, { url: 'o/r', auth: 'env:GH_TOKEN' }],
    ['o/r/skills', { path: '.' }, 'o/r'],
    ['https://git.example.com/r.git', { path: 'x', name: 'r' }, { name: 'r', url: 'https://git.example.com/r.git', path: 'x' }],
    // rewritten or credential-carrying strings are not written as typed
    ['git@github.com:o/r.git', undefined, 'o/r'],
    ['ssh://git@git.example.com:2222/t/r.git', undefined, 'https://git.example.com/t/r.git'],
    ['https://tok@github.com/o/r', undefined, 'o/r'],
    ['https://tok@git.example.com/r.git', { ref: 'v1' }, { url: 'https://git.example.com/r.git', ref: 'v1' }],
    ['https://github.com/o/r/tree/main/skills', undefined, 'https://github.com/o/r/tree/main/skills'],
    // local folders: relative to the config's folder, else ~, else absolute
    ['/home/me/dotfiles/skills', undefined, '/home/me/dotfiles/skills'],
    ['../../home/me/dotfiles/skills', undefined, './skills'],
    ['../../home/me/dotfiles', undefined, '.'],
    ['../../home/me/notes', undefined, '~/notes'],
    ['./skills', undefined, '/work/proj/skills'],
    ['~/other', undefined, '~/other'],
    ['./skills', { name: 'mine' }, { name: 'mine', url: '/work/proj/skills' }],
  ]
  for (const [typed, overrides, want] of cases) {
    const spec = parse(typed, overrides)
    const entry = toConfigEntry(spec, typed, cfg)
    t.same(entry, want, JSON.stringify([typed, overrides]))
    // round trip: read back from the config, the entry gives the same source
    const back = parseSource(entry, { baseDir: cfg.configDir, home: cfg.home })
    const { notes: _a, ...got } = back
    const { notes: _b, ...exp } = spec
    t.same(got, exp, `round trip ${JSON.stringify([typed, overrides])}`)
    t.notMatch(JSON.stringify(entry), /tok@/, 'never writes credentials')
  }
  // without the config's folder and home, local folders are written absolute
  t.equal(toConfigEntry(parse('~/x'), '~/x'), '/home/me/x')
  t.equal(toConfigEntry(parse('./x'), './x'), '/work/proj/x')
  t.equal(toConfigEntry(parse('./x'), './x', { configDir: '/work/proj' }), './x')
})
