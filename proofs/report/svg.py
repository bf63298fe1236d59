"""Inline SVG charts: drawn here as text, so the report needs no script and
no library, and a chart is as readable as the numbers it shows."""
from htmlpage import esc


def bars(rows, href, width=820, row_h=17):
    """Horizontal bars, one per (label, proved, total): proved in green, the
    rest in red; each bar links to href(label)."""
    top = max((t for _, _, t in rows), default=1) or 1
    label_w, scale = 120, (width - 120 - 90) / top
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{row_h * len(rows) + 6}" '
           f'role="img" aria-label="goals per module">']
    for i, (label, proved, total) in enumerate(rows):
        y = 3 + i * row_h
        good, bad = proved * scale, (total - proved) * scale
        colour = "#c0152f" if proved < total else "#1d2330"
        out.append(f'<a href="{esc(href(label))}"><text x="{label_w - 6}" y="{y + 12}" text-anchor="end" '
                   f'fill="{colour}">{esc(label)}</text>'
                   f'<rect x="{label_w}" y="{y + 2}" width="{good:.1f}" height="{row_h - 5}" fill="#3a9a5b"/>'
                   f'<rect x="{label_w + good:.1f}" y="{y + 2}" width="{bad:.1f}" height="{row_h - 5}" fill="#c0152f"/>'
                   f'<text x="{label_w + good + bad + 5:.1f}" y="{y + 12}" fill="{colour}">{proved}/{total}</text></a>')
    out.append("</svg>")
    return "".join(out)


def sparkline(title, values, labels, unit="", width=300, height=64):
    """One series over the rows of the trend, its first and last values
    written out, each point titled with its row's label; None values (not
    measured in that run) are skipped."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 30}" role="img" '
           f'aria-label="{esc(title)}"><text x="0" y="12" font-weight="600">{esc(title)}</text>']
    if not points:
        out.append('<text x="0" y="40" fill="#667">not measured</text></svg>')
        return "".join(out)
    lo, hi = min(v for _, v in points), max(v for _, v in points)
    span_x, span_y = max(len(values) - 1, 1), (hi - lo) or 1
    xy = [(10 + i * (width - 60) / span_x, 20 + (height - 10) * (1 - (v - lo) / span_y)) for i, v in points]
    out.append(f'<polyline fill="none" stroke="#1746a2" stroke-width="2" points="'
               + " ".join(f"{x:.1f},{y:.1f}" for x, y in xy) + '"/>')
    out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1746a2"><title>{esc(labels[i])}: {fmt(v)}{unit}'
            f"</title></circle>" for (x, y), (i, v) in zip(xy, points)]
    first, last = points[0][1], points[-1][1]
    out.append(f'<text x="0" y="{height + 26}" fill="#667">{fmt(first)}{unit} &#8594; {fmt(last)}{unit} '
               f'(min {fmt(lo)}, max {fmt(hi)})</text></svg>')
    return "".join(out)


def fmt(v):
    return f"{v:,.0f}" if abs(v) >= 100 or v == int(v) else f"{v:.1f}"
