// Draws a BPMN model with bpmn-js (served from /vendor, no CDN) and marks the finished and the current elements.
export async function drawDiagram(container, diagram) {
  if (!diagram || !diagram.xml || !window.BpmnJS) {
    container.textContent = '—';
    return null;
  }
  container.replaceChildren();
  const viewer = new window.BpmnJS({ container });
  await viewer.importXML(diagram.xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const mark = (id, cls) => { if (id && registry.get(id)) canvas.addMarker(id, cls); };
  (diagram.done || []).forEach(id => mark(id, 'done'));
  (diagram.current || []).forEach(id => mark(id, 'current'));
  if (diagram.finished && diagram.lastElement) {
    // the case ended: the end event right after the last announced stage is reached
    const last = registry.get(diagram.lastElement);
    const end = last && last.outgoing && last.outgoing.map(f => f.target).find(e => e.type === 'bpmn:EndEvent');
    if (end) { mark(end.id, 'done'); mark(end.id, 'current'); container.dataset.reached = end.id; }
  }
  container.dataset.current = (diagram.current || []).join(',');
  canvas.zoom('fit-viewport');
  return viewer;
}

export function diagramAssets() {
  for (const href of ['/vendor/bpmn-js/package/dist/assets/diagram-js.css', '/vendor/bpmn-js/package/dist/assets/bpmn-js.css',
    '/vendor/bpmn-js/package/dist/assets/bpmn-font/css/bpmn.css']) {
    const link = document.createElement('link');
    link.rel = 'stylesheet'; link.href = href;
    document.head.append(link);
  }
  return new Promise((resolve, reject) => {
    if (window.BpmnJS) { resolve(); return; }
    const script = document.createElement('script');
    script.src = '/vendor/bpmn-js/package/dist/bpmn-navigated-viewer.production.min.js';
    script.onload = resolve; script.onerror = reject;
    document.head.append(script);
  });
}
