// Writes the input of go-servemux-ref on stdout: groups of patterns (without methods or
// wildcards, which Go 1.19 treats as literals) and the requests to run through them.
const req = (target, method = 'GET', host = 'example.com') => ({ method, target, host });
const groups = [
  {
    name: 'root, a subtree and exact paths',
    patterns: ['/', '/a/', '/a/b', '/c'],
    requests: [
      req('/'), req('/a'), req('/a/'), req('/a/x'), req('/a/b'), req('/a/b/'), req('/c'), req('/c/'), req('/d'),
      req('/a?q=1&r=2'), req('/a/b?x=1'), req('/a', 'HEAD'), req('/a', 'POST'), req('/a', 'DELETE'),
      req('*', 'OPTIONS'),
    ],
  },
  {
    name: 'path cleaning',
    patterns: ['/', '/a/', '/a/b', '/c'],
    requests: [
      req('/a/./b'), req('/a/../c'), req('//a'), req('/a//b'), req('/a/b/..'), req('/./'), req('/..'),
      req('/a/b/../../../c'), req('/a/./b?x=1'), req('/a/.'), req('/a/b/.'), req('/a/b/./'), req('/a//b', 'POST'),
      req('/a//b', 'HEAD'), req('/x/../a'),
    ],
  },
  {
    name: 'a subtree alone',
    patterns: ['/tree/'],
    requests: [req('/tree'), req('/tree?x=1&y'), req('/tree/'), req('/tree/sub'), req('/'), req('/tre'), req('/tree', 'POST'), req('/treehouse')],
  },
  {
    name: 'a deep subtree',
    patterns: ['/a/b/'],
    requests: [req('/a/b'), req('/a'), req('/a/b/c/d'), req('/a/b/c/'), req('/a/bc')],
  },
  {
    name: 'a path and its subtree',
    patterns: ['/x', '/x/'],
    requests: [req('/x'), req('/x/'), req('/x/y'), req('/x//'), req('/xy')],
  },
  {
    name: 'nested subtrees, longest wins',
    patterns: ['/api/', '/api/v1/', '/api/v1/users'],
    requests: [req('/api/v1/users'), req('/api/v1/users/1'), req('/api/v1/'), req('/api/v1'), req('/api/v2'), req('/api'), req('/')],
  },
  {
    name: 'host patterns',
    patterns: ['/', 'example.com/', 'example.com/x', '/x', '/y/'],
    requests: [
      req('/x'), req('/x', 'GET', 'example.com:8080'), req('/x', 'GET', 'other.org'), req('/z'), req('/z', 'GET', 'other.org'),
      req('/y', 'GET', 'other.org'), req('/y', 'GET', 'example.com'), req('/x', 'GET', 'EXAMPLE.COM'),
    ],
  },
  {
    name: 'a host subtree',
    patterns: ['example.com/docs/', '/docs/x'],
    requests: [req('/docs'), req('/docs/x'), req('/docs/y'), req('/docs', 'GET', 'other.org'), req('/docs/x', 'GET', 'other.org')],
  },
  {
    name: 'no patterns',
    patterns: [],
    requests: [req('/'), req('/a'), req('/a/../b')],
  },
  {
    name: 'escaped characters that clean and match the same either way',
    patterns: ['/', '/dir/'],
    requests: [req('/a%20b'), req('/%41'), req('/dir'), req('/dir?x=%41'), req('/dir/%7Efile'), req('/a%20b/../dir/')],
  },
];
process.stdout.write(JSON.stringify(groups, null, 2) + '\n');
