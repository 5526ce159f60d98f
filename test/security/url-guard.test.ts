import {
  checkResolvedAddress,
  checkUrl,
  classifyAddress,
  classifyHostName,
  parseAllowlist,
  parseIPv4,
  parseIPv6,
  MAX_URL_LENGTH,
} from '../../cloudfunctions/ocrIdcard/src/url-guard';

const reasonOf = (url: string, allowlist?: string) => {
  const result = checkUrl(url, parseAllowlist(allowlist));
  return result.ok ? 'ok' : result.reason;
};

describe('IPv4 spellings', () => {
  it.each([
    ['127.0.0.1', [127, 0, 0, 1]],
    ['2130706433', [127, 0, 0, 1]],
    ['0x7f000001', [127, 0, 0, 1]],
    ['0X7F000001', [127, 0, 0, 1]],
    ['0177.0.0.1', [127, 0, 0, 1]],
    ['0177.0000.0.01', [127, 0, 0, 1]],
    ['127.1', [127, 0, 0, 1]],
    ['127.0.1', [127, 0, 0, 1]],
    ['0x7f.1', [127, 0, 0, 1]],
    ['127.0.0.1.', [127, 0, 0, 1]],
    ['0', [0, 0, 0, 0]],
    ['0xa9fea9fe', [169, 254, 169, 254]],
    ['2852039166', [169, 254, 169, 254]],
    ['0251.0376.0251.0376', [169, 254, 169, 254]],
    ['4294967295', [255, 255, 255, 255]],
  ])('parses %s', (text, bytes) => {
    expect(parseIPv4(text)).toEqual(bytes);
  });

  it.each(['4294967296', '1.2.3.4.5', '256.0.0.1', '1.2.65536', '08.0.0.1', 'example.com', '1..2', '', '0x1g'])(
    'rejects %s as no address',
    (text) => {
      expect(parseIPv4(text)).toBeUndefined();
    },
  );

  // Node's WHATWG URL normalises these before our checks see them; both paths must refuse.
  it.each(['http://2130706433/', 'http://0x7f000001/', 'http://0177.0.0.1/', 'http://127.1/', 'http://0x7f.1/', 'http://127.0.0.1./', 'http://%31%32%37.0.0.1/', 'http://０x7f.1/'])(
    'refuses %s as loopback',
    (url) => {
      expect(reasonOf(url)).toBe('loopback');
    },
  );

  it('refuses the metadata address in every spelling', () => {
    for (const host of ['169.254.169.254', '2852039166', '0xa9fea9fe', '0251.0376.0251.0376', '169.254.43518']) {
      expect(reasonOf(`http://${host}/latest/meta-data/`)).toBe('metadata');
    }
  });
});

describe('IPv4 ranges', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'reserved'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['100.100.100.200', 'metadata'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.0.23', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'reserved'],
    ['192.0.0.192', 'metadata'],
    ['192.0.2.1', 'documentation'],
    ['192.88.99.1', 'reserved'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'reserved'],
    ['198.19.255.255', 'reserved'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
    expect(reasonOf(`http://${address}/a.jpg`)).toBe(kind);
  });

  it.each(['1.1.1.1', '8.8.8.8', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '192.169.0.1', '198.17.255.255', '198.20.0.0', '223.255.255.255', '119.29.29.29'])(
    '%s is public',
    (address) => {
      expect(classifyAddress(address)).toBe('public');
      expect(reasonOf(`http://${address}/a.jpg`)).toBe('ok');
    },
  );
});

describe('IPv6', () => {
  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['::10.0.0.1', 'private'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['64:ff9b:1::8.8.8.8', 'reserved'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    ['2001::1', 'reserved'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['100::1', 'reserved'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fd00:ec2::254', 'metadata'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['4000::1', 'reserved'],
    ['::2', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each(['2400:cb00::1', '2001:4860:4860::8888', '240e::1', '64:ff9b::8.8.8.8', '::ffff:8.8.8.8', '2002:808:808::1'])('%s is public', (address) => {
    expect(classifyAddress(address)).toBe('public');
  });

  it.each([
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]:8080/', 'loopback'],
    ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'metadata'],
    ['http://[64:ff9b::7f00:1]/', 'loopback'],
    ['http://[::]/', 'unspecified'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fc00::1]/', 'private'],
    ['http://[fd00:ec2::254]/latest/meta-data/', 'metadata'],
    ['http://[ff02::1]/', 'multicast'],
  ])('refuses %s as %s', (url, kind) => {
    expect(reasonOf(url)).toBe(kind);
  });

  it.each(['1:2:3:4:5:6:7:8:9', ':::', '1::2::3', '12345::', 'g::1', '::ffff:256.0.0.1', ':1::', '1:2:3:4:5:6:7'])('rejects %s as no address', (text) => {
    expect(parseIPv6(text)).toBeUndefined();
  });

  it('reads every group of a full address and an embedded IPv4 tail', () => {
    expect(parseIPv6('1:2:3:4:5:6:1.2.3.4')).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 1, 2, 3, 4]);
    expect(parseIPv6('[2001:db8::ff00:42:8329]')).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0, 0, 0x42, 0x83, 0x29]);
  });

  it('refuses a resolver answer that is no address at all', () => {
    expect(classifyAddress('not-an-address')).toBe('reserved');
  });
});

describe('host names', () => {
  it.each([
    ['metadata.tencentyun.com', 'metadata'],
    ['METADATA.TencentYun.com.', 'metadata'],
    ['metadata.google.internal', 'metadata'],
    ['metadata', 'metadata'],
    ['instance-data', 'metadata'],
    ['localhost', 'loopback'],
    ['img.localhost', 'loopback'],
    ['intranet', 'internal-name'],
    ['printer.local', 'internal-name'],
    ['db.svc.internal', 'internal-name'],
    ['nas.home.arpa', 'internal-name'],
  ])('%s is %s', (name, kind) => {
    expect(classifyHostName(name)).toBe(kind);
    expect(reasonOf(`http://${name}/a.jpg`)).toBe(kind);
  });

  it('leaves public names to their resolved addresses', () => {
    expect(classifyHostName('img.example.com')).toBeUndefined();
    const result = checkUrl('https://IMG.Example.com./front.jpg?sign=abc');
    expect(result).toMatchObject({ ok: true, host: 'img.example.com', port: 443, literal: 0, allowlisted: false });
  });
});

describe('URL shape', () => {
  it.each([
    ['ftp://img.example.com/a.jpg', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['gopher://img.example.com/', 'scheme'],
    ['data:image/jpeg;base64,AAAA', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['http://user:secret@img.example.com/a.jpg', 'credentials'],
    ['http://img.example.com@127.0.0.1/a.jpg', 'credentials'],
    ['not a url', 'bad-url'],
    ['//img.example.com/a.jpg', 'bad-url'],
    ['', 'bad-url'],
    ['http://img.example.com:0/', 'reserved'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(reasonOf(url)).toBe(reason);
  });

  it('refuses a URL longer than the cap without parsing it', () => {
    expect(reasonOf(`https://img.example.com/${'a'.repeat(MAX_URL_LENGTH)}`)).toBe('bad-url');
  });

  it('refuses a value that is not a string', () => {
    expect(checkUrl(42 as unknown as string)).toEqual({ ok: false, reason: 'bad-url' });
  });

  it('gives the canonical address of an odd IPv4 spelling, so no resolver ever sees the spelling', () => {
    expect(checkUrl('http://0x08080808:8080/a.jpg')).toMatchObject({ ok: true, host: '8.8.8.8', port: 8080, literal: 4 });
    expect(checkUrl('http://[2400:CB00::1]/')).toMatchObject({ ok: true, host: '2400:cb00::1', literal: 6 });
  });
});

describe('allowlist', () => {
  it('reads entries separated by commas or spaces and reports the unreadable ones', () => {
    const list = parseAllowlist(' img.example.com, 127.0.0.1:8080\n[::1]:9000 ,bad/path user@host http://x.com ');
    expect(list?.entries).toEqual([
      { host: 'img.example.com', port: undefined },
      { host: '127.0.0.1', port: 8080 },
      { host: '::1', port: 9000 },
    ]);
    expect(list?.invalid).toEqual(['bad/path', 'user@host', 'http://x.com']);
  });

  it('is absent when unset or blank', () => {
    expect(parseAllowlist(undefined)).toBeUndefined();
    expect(parseAllowlist('  ')).toBeUndefined();
  });

  it('normalises entries like URL hosts', () => {
    expect(parseAllowlist('0x7f000001:1234, IMG.Example.COM.')?.entries).toEqual([
      { host: '127.0.0.1', port: 1234 },
      { host: 'img.example.com', port: undefined },
    ]);
  });

  it('when set, refuses every host it does not name', () => {
    expect(reasonOf('https://other.example.com/a.jpg', 'img.example.com')).toBe('not-allowlisted');
    expect(reasonOf('https://sub.img.example.com/a.jpg', 'img.example.com')).toBe('not-allowlisted');
    expect(reasonOf('https://img.example.com/a.jpg', 'img.example.com')).toBe('ok');
  });

  it('an entry without a port permits the default port of the scheme only', () => {
    expect(reasonOf('http://img.example.com/a.jpg', 'img.example.com')).toBe('ok');
    expect(reasonOf('https://img.example.com:443/a.jpg', 'img.example.com')).toBe('ok');
    expect(reasonOf('https://img.example.com:8443/a.jpg', 'img.example.com')).toBe('not-allowlisted');
  });

  it('an entry with a port permits that port only', () => {
    expect(reasonOf('http://127.0.0.1:8080/a.jpg', '127.0.0.1:8080')).toBe('ok');
    expect(reasonOf('http://127.0.0.1:8081/a.jpg', '127.0.0.1:8080')).toBe('not-allowlisted');
    expect(reasonOf('http://127.0.0.1/a.jpg', '127.0.0.1:8080')).toBe('not-allowlisted');
  });

  it('lets a named host be loopback or private, and marks it so resolved addresses may be too', () => {
    expect(checkUrl('http://localhost:3000/a.jpg', parseAllowlist('localhost:3000'))).toMatchObject({ ok: true, allowlisted: true });
    expect(reasonOf('http://[::1]:9000/a.jpg', '[::1]:9000')).toBe('ok');
    expect(reasonOf('http://0x7f000001:1234/a.jpg', '127.0.0.1:1234')).toBe('ok');
    expect(checkResolvedAddress('10.1.2.3', true)).toBeUndefined();
    expect(checkResolvedAddress('10.1.2.3', false)).toEqual({ ok: false, reason: 'private' });
  });

  it('never lets a metadata address or name through, even when named', () => {
    expect(reasonOf('http://169.254.169.254/latest/', '169.254.169.254')).toBe('metadata');
    expect(reasonOf('http://metadata.tencentyun.com/latest/', 'metadata.tencentyun.com')).toBe('metadata');
    expect(checkResolvedAddress('169.254.0.23', true)).toEqual({ ok: false, reason: 'metadata' });
    expect(checkResolvedAddress('::ffff:169.254.169.254', true)).toEqual({ ok: false, reason: 'metadata' });
  });

  it('still refuses other schemes and credentials for a named host', () => {
    expect(reasonOf('ftp://127.0.0.1:8080/a.jpg', '127.0.0.1:8080')).toBe('scheme');
    expect(reasonOf('http://a:b@127.0.0.1:8080/a.jpg', '127.0.0.1:8080')).toBe('credentials');
  });

  it('refuses everything when every entry is unreadable', () => {
    expect(reasonOf('https://img.example.com/a.jpg', 'img.example.com/path')).toBe('not-allowlisted');
  });
});
