import { getNodesBounds, getViewportForBounds, type Node, type Rect } from '@xyflow/react';
import { toPng } from 'html-to-image';

// The map as a PNG, the way React Flow's "download image" example does it: html-to-image draws the
// `.react-flow__viewport` element with a transform that fits the whole map, then the image is put on a
// canvas between two bands carrying the protective marking.

const MAX_WIDTH = 4000;
const MAX_HEIGHT = 3000;
const MIN_WIDTH = 1100;
const BAND = 44;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Wait until React has drawn what was just asked for (every node, not just the visible ones). */
export async function settled(): Promise<void> {
  await nextFrame();
  await nextFrame();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

// html-to-image 1.11.12+ clones an <svg> whole without copying its children's computed styles (the
// "exported image has no edges" issue, bubkoo/html-to-image#516), so the edges' stroke and the labels'
// backgrounds, which come from stylesheets, would be lost. Copy them inline (through the CSSOM, which
// the CSP allows) for the moment of the capture, then put the elements back as they were.
const SVG_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
];

function inlineSvgStyles(root: HTMLElement): () => void {
  const restore: (() => void)[] = [];
  for (const element of root.querySelectorAll<SVGElement>('svg *')) {
    const before = element.style.cssText;
    const computed = getComputedStyle(element);
    for (const name of SVG_PROPERTIES) element.style.setProperty(name, computed.getPropertyValue(name));
    restore.push(() => {
      element.style.cssText = before;
    });
  }
  return () => {
    for (const undo of restore) undo();
  };
}

function loadImage(src: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = src;
  return image.decode().then(() => image);
}

function unionOf(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * Draws the map and returns the PNG as base64 (no `data:` prefix).
 * @param extent the lanes, axis and themes in flow coordinates, so empty lanes are in the picture too
 */
export async function mapImage(
  viewport: HTMLElement,
  nodes: Node[],
  extent: Rect,
  marking: string,
): Promise<string> {
  const bounds = nodes.length > 0 ? unionOf(getNodesBounds(nodes), extent) : extent;
  const zoom = Math.min(1, MAX_WIDTH / bounds.width, MAX_HEIGHT / bounds.height);
  const width = Math.max(MIN_WIDTH, Math.ceil(bounds.width * zoom * 1.04));
  const height = Math.ceil(bounds.height * zoom * 1.04);
  const fit = getViewportForBounds(bounds, width, height, zoom / 4, zoom, 0.02);
  const restore = inlineSvgStyles(viewport);
  const picture = await toPng(viewport, {
    backgroundColor: '#ffffff',
    width,
    height,
    pixelRatio: 1,
    // No web fonts to embed (system fonts only), and the page may fetch nothing.
    skipFonts: true,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${fit.x}px, ${fit.y}px) scale(${fit.zoom})`,
    },
  }).finally(restore);
  const image = await loadImage(picture);
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height + 2 * BAND;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This computer cannot draw the image.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, BAND);
  for (const top of [0, canvas.height - BAND]) {
    ctx.fillStyle = '#0b0c0c';
    ctx.fillRect(0, top, canvas.width, BAND);
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 18px system-ui, "Segoe UI", Roboto, Arial, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(marking, canvas.width / 2, top + BAND / 2, canvas.width - 40);
  }
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
