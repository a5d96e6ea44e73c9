# Draws images/icon.png (128x128): three stacked layers under a lens. Plain Python (zlib + struct),
# 4x4 supersampling for smooth edges. Run: python3 scripts/icon.py
import struct, zlib

N, S = 128, 4
BG = (17, 45, 78)
LAYERS = [((46, 134, 222), 30), ((74, 163, 238), 54), ((120, 190, 245), 78)]
LENS = (250, 250, 250)

def rounded_rect(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and x0 <= x <= x1 and y0 <= y <= y1

def color_at(x, y):
    if not rounded_rect(x, y, 0, 0, N, N, 22):
        return None
    c = BG
    for colour, top in LAYERS:
        if rounded_rect(x, y, 18, top, 84, top + 16, 6):
            c = colour
    # The lens: a ring centred over the layers and its handle.
    d2 = (x - 84) ** 2 + (y - 74) ** 2
    if 22 ** 2 <= d2 <= 29 ** 2:
        c = LENS
    hx, hy = x - 104, y - 94
    if -5 <= (hx - hy) / 1.414 <= 5 and 0 <= (hx + hy) / 1.414 <= 26:
        c = LENS
    return c

rows = []
for py in range(N):
    row = bytearray([0])
    for px in range(N):
        acc = [0, 0, 0, 0]
        for sy in range(S):
            for sx in range(S):
                c = color_at(px + (sx + 0.5) / S, py + (sy + 0.5) / S)
                if c:
                    acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
        n = S * S
        a = acc[3] // n
        if a:
            k = acc[3] // 255
            row += bytes([acc[0] // k, acc[1] // k, acc[2] // k, a])
        else:
            row += bytes([0, 0, 0, 0])
    rows.append(bytes(row))

def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', N, N, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
open('images/icon.png', 'wb').write(png)
print(f'images/icon.png: {len(png)} bytes')
