import { describe, expect, it } from 'vitest';
import { imageName, remoteWebUrl, repositoryName, resolveIdentity } from '../../src/fork/fork-identity.ts';

describe('remoteWebUrl', () => {
  it.each([
    ['git@github.com:acme/widgets.git', 'https://github.com/acme/widgets'],
    ['git@github.com:acme/widgets', 'https://github.com/acme/widgets'],
    ['https://github.com/acme/widgets.git', 'https://github.com/acme/widgets'],
    ['https://token@github.com/acme/widgets/', 'https://github.com/acme/widgets'],
    ['ssh://git@github.com:22/acme/widgets.git', 'https://github.com/acme/widgets'],
    ['git://example.org/team/sub/widgets.git', 'https://example.org/team/sub/widgets'],
  ])('%s -> %s', (remote, url) => {
    expect(remoteWebUrl(remote)).toBe(url);
  });

  it.each(['/srv/git/widgets.git', 'file:///srv/git/widgets.git', '../widgets'])('%s is no hosted repository', (remote) => {
    expect(remoteWebUrl(remote)).toBeUndefined();
  });
});

describe('names', () => {
  it('takes the repository name from its address', () => {
    expect(repositoryName('https://github.com/acme/widgets')).toBe('widgets');
  });

  it('makes an image name of anything', () => {
    expect(imageName('My Widgets!')).toBe('my-widgets');
    expect(imageName('--')).toBe('app');
  });
});

describe('resolveIdentity', () => {
  const base = { dir: '/home/me/src/shop-api', description: 'Express 5 + TypeScript API: Node on distroless (Example 1)' };

  it('prefers the options', () => {
    const identity = resolveIdentity({
      ...base,
      options: { name: 'Shop', source: 'https://example.org/x/y', description: 'Ours' },
      remote: 'git@github.com:acme/widgets.git',
    });
    expect(identity).toEqual({ title: 'shop', source: 'https://example.org/x/y', description: 'Ours', from: 'options' });
  });

  it('takes title and source from the git remote', () => {
    const identity = resolveIdentity({ ...base, options: {}, remote: 'git@github.com:acme/widgets.git' });
    expect(identity).toMatchObject({ title: 'widgets', source: 'https://github.com/acme/widgets', from: 'git remote' });
  });

  it('a --source names the title too', () => {
    expect(resolveIdentity({ ...base, options: { source: 'https://github.com/acme/gadgets' } }).title).toBe('gadgets');
  });

  it('falls back to the folder name, with no source', () => {
    expect(resolveIdentity({ ...base, options: {} })).toMatchObject({ title: 'shop-api', source: '', from: 'folder name' });
  });

  it('drops the tutorial example from the default description', () => {
    expect(resolveIdentity({ ...base, options: {} }).description).toBe('Express 5 + TypeScript API: Node on distroless');
  });
});
