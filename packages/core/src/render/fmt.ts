// Go's fmt.Sprintf for c.string, shared with the template engine.
export { sprintf } from '@sloe/template';
