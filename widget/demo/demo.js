// The demo host page's script (a file, not inline, so it also runs under a strict CSP).
const params = new URLSearchParams(location.search);
const api = new URL(params.get('api') || location.origin).origin;
const problem = document.getElementById('problem');
const log = document.getElementById('log');
const widgets = [document.getElementById('festival'), document.getElementById('club')];

const show = (text) => {
  problem.textContent = text;
  problem.hidden = false;
};

for (const name of ['queuetix-joined', 'queuetix-offer', 'queuetix-purchased', 'queuetix-error']) {
  document.addEventListener(name, (e) => {
    const line = `${new Date().toLocaleTimeString()}  ${e.target.id}  ${name}  ${JSON.stringify(e.detail)}`;
    log.textContent += `\n${line.slice(0, 400)}`;
  });
}

async function eventIds() {
  const given = [params.get('event'), params.get('event2')].filter(Boolean);
  if (given.length >= 2) return given;
  const response = await fetch(`${api}/api/events?available=true&pageSize=2`);
  const list = await response.json();
  const found = [...given, ...list.items.map((e) => e.id)];
  if (found.length === 0) throw new Error('no events on sale yet: create one, or pass ?event=ID');
  return [found[0], found[1] ?? found[0]];
}

try {
  const ids = await eventIds();
  widgets.forEach((widget, i) => widget.setAttribute('event', ids[i]));
  if (params.get('locale')) widgets.forEach((w) => w.setAttribute('locale', params.get('locale')));
} catch (error) {
  show(`Could not pick events from ${api}: ${error.message}`);
}
// The one line an organiser pastes (the widgets take their API host from this script's origin).
const script = document.createElement('script');
script.type = 'module';
script.src = `${api}/widget.js`;
script.onerror = () => show(`Could not load ${api}/widget.js`);
document.head.append(script);
