// Run from the repository root: node --import tsx packages/router/examples/quick-start.ts
import { RouteError, Router } from '../src/index.js';

const router = new Router<string>({ redirectFixedPath: true });
router.add('GET', '/users/new', 'new user form');
router.add('GET', '/users/:id', 'show user');
router.add(['PUT', 'PATCH'], '/users/:id', 'update user');
router.add('GET', '/files/*filepath', 'serve file');
router.add('GET', '/range/:from-:to', 'range');
router.add('GET', '/repos/:owner/:repo', 'repository');

const m = router.find('GET', '/users/42');
console.log(m?.value, m?.pattern, m?.params.get('id')); // show user /users/:id 42
console.log(router.find('GET', '/files/css/site.css')?.params.toObject()); // { filepath: '/css/site.css' }

// Params: values in the order of the pattern, decoded when read.
const repo = router.find('GET', '/repos/octocat/hello%20world')!.params;
console.log(repo.get('repo')); // hello world
console.log(repo.names); // [ 'owner', 'repo' ]
for (const [name, value] of repo) console.log(`${name}=${value}`); // owner=octocat, repo=hello world

console.log(router.match('GET', '/users/42/')); // { kind: 'redirect', location: '/users/42', status: 301 }
console.log(router.match('DELETE', '/users/42')); // { kind: 'method-not-allowed', allow: ['GET', 'PATCH', 'PUT'] }
console.log(router.match('GET', '/USERS/new')); // { kind: 'redirect', location: '/users/new', status: 301 }

try {
  router.add('GET', '/users/:name/posts', 'posts');
} catch (err) {
  if (err instanceof RouteError) console.log(err.code, err.message); // ERR_ROUTER_CONFLICT ...
}
console.log(router.prettyPrint());
