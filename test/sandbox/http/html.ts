/** HTML escaping and the shared page frame of the consent and error pages. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Security headers of every HTML page. The style is allowed by nonce only; nothing else may load,
 * the page cannot be framed, and forms may only post to `formTargets` (Chromium also applies
 * form-action to the redirect that follows a POST, so the client's redirect URI must be listed).
 */
export function htmlPageHeaders(styleNonce: string, formTargets: string[] = []): Record<string, string> {
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${styleNonce}'`,
    `form-action 'self'${formTargets.map((target) => ` ${target}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

export function pageFrame(title: string, styleNonce: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${escapeHtml(styleNonce)}">${PAGE_STYLE}</style>
</head>
<body>
<main class="card">
<div class="brand"><span class="logo" aria-hidden="true">B</span><span>BoomTown</span><span class="badge">sandbox</span></div>
${content}
</main>
</body>
</html>
`;
}

const PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px;
  font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2933;background:#eef2f6}
.card{width:100%;max-width:440px;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(15,23,42,.08),0 8px 24px rgba(15,23,42,.08);padding:28px 32px}
.brand{display:flex;align-items:center;gap:8px;font-weight:600;font-size:16px;color:#0b3b60;margin-bottom:20px}
.logo{display:inline-flex;align-items:center;justify-content:center;width:28px;height:28px;border-radius:7px;background:#0b6bcb;color:#fff;font-weight:700}
.badge{margin-left:auto;font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.06em;color:#8a5a00;background:#fff4d6;border-radius:999px;padding:2px 8px}
h1{font-size:20px;line-height:1.3;margin:0 0 6px}
p{margin:0 0 16px;color:#52606d}
.app{color:#1f2933;font-weight:600;overflow-wrap:anywhere}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:#7b8794;margin:20px 0 8px}
ul.scopes{list-style:none;margin:0;padding:0}
ul.scopes li{padding:8px 0 8px 26px;border-bottom:1px solid #edf0f3;position:relative;overflow-wrap:anywhere}
ul.scopes li:last-child{border-bottom:0}
ul.scopes li::before{content:"\\2713";position:absolute;left:4px;color:#0b6bcb;font-weight:700}
.scope-name{display:block;font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#7b8794}
fieldset{border:0;margin:0;padding:0}
label.user{display:flex;align-items:center;gap:10px;padding:10px 12px;border:1px solid #d9e2ec;border-radius:8px;margin-bottom:8px;cursor:pointer}
label.user:has(input:checked){border-color:#0b6bcb;background:#f0f7ff}
label.user input{margin:0;accent-color:#0b6bcb}
.user-name{font-weight:600;overflow-wrap:anywhere}
.user-email{display:block;font-size:13px;color:#7b8794;overflow-wrap:anywhere}
.actions{display:flex;gap:12px;margin-top:24px}
button{flex:1;font:inherit;font-weight:600;padding:10px 16px;border-radius:8px;border:1px solid transparent;cursor:pointer}
button#approve{background:#0b6bcb;color:#fff}
button#approve:hover{background:#0a5cad}
button#deny{background:#fff;color:#1f2933;border-color:#cbd2d9}
button#deny:hover{background:#f5f7fa}
.redirect{font-size:12px;color:#9aa5b1;margin-top:20px;overflow-wrap:anywhere}
.note{font-size:13px;color:#7b8794;border-top:1px solid #edf0f3;padding-top:14px;margin:0}
`;
