"""Drawn product images: one small SVG per product and colour, so the shop looks finished
offline. Each category family has a simple recognisable shape, filled in the product's colour."""

from __future__ import annotations

import hashlib
from xml.sax.saxutils import escape

COLOURS: dict[str, str] = {
    "black": "#2b2b2b",
    "white": "#f4f2ee",
    "charcoal": "#3f4347",
    "stone": "#b9b2a6",
    "sand": "#d8c7a8",
    "ivory": "#f3ecdc",
    "grey": "#9a9ea3",
    "terracotta": "#c8643b",
    "olive": "#7a7d3a",
    "ochre": "#c98f2b",
    "rust": "#a4472a",
    "moss green": "#6a7a3c",
    "walnut brown": "#6b4a2f",
    "clay": "#b7795a",
    "red": "#c8332f",
    "cobalt blue": "#2f55b4",
    "mustard": "#d0a12b",
    "emerald": "#2d8a5f",
    "coral": "#ef7d64",
    "teal": "#2a8a8a",
    "lilac": "#b59ad1",
    "pink": "#e89bb5",
    "indigo": "#33416e",
    "light blue": "#9dbfe0",
    "stone wash": "#8ea3b8",
    "mid blue": "#4f6f9b",
    "navy": "#24324f",
    "camel": "#c39a67",
    "burgundy": "#7a2438",
    "forest green": "#2f5a3f",
    "grey marl": "#a7a9ab",
    "ecru": "#e9e1cc",
    "brass": "#c5a152",
    "matte black": "#303030",
    "brushed steel": "#a9adb1",
    "copper": "#b8733f",
    "chrome": "#c9ced3",
    "antique bronze": "#7f6138",
    "oak": "#c49a62",
    "walnut": "#6e4b31",
    "ash": "#d9c7a7",
    "beech": "#d8b48a",
    "teak": "#a6713f",
    "pine": "#e1c28e",
    "bamboo": "#d9c07a",
    "sage": "#9bac8c",
    "dusty blue": "#8aa0b4",
    "blush": "#e9b9ad",
    "dusty pink": "#d9a0a6",
    "ocean blue": "#2f6f9a",
    "bottle green": "#24503b",
    "ink blue": "#27355c",
    "natural": "#d9c4a0",
    "natural oak": "#c8a46e",
    "oatmeal": "#d8ccb4",
    "sky blue": "#8fbbe0",
    "striped blue": "#6d8fc2",
    "off-white": "#eeeae0",
    "green": "#3f8a4f",
    "tan": "#b98655",
    "dark brown": "#4e3426",
    "cognac": "#9a5427",
    "volt yellow": "#d6e03a",
    "blue": "#3367c2",
    "orange": "#e07a2f",
    "hi-vis yellow": "#e2e23a",
    "silver": "#b8bcc2",
    "rose gold": "#d6a08e",
    "midnight blue": "#232c4d",
    "cream": "#efe6d2",
    "caramel": "#b9804a",
    "anthracite": "#3b3e42",
    "assorted": "#7d6bb0",
}

# Shapes drawn in a 600 x 600 box; {c} is the product colour, {d} a darker shade of it.
_SHAPES: dict[str, str] = {
    "chair": '<rect x="200" y="130" width="40" height="330" rx="8" fill="{d}"/><rect x="200" y="130" width="180" height="40" rx="10" fill="{c}"/><rect x="190" y="300" width="230" height="45" rx="10" fill="{c}"/><rect x="380" y="300" width="30" height="170" rx="6" fill="{d}"/><rect x="205" y="340" width="30" height="130" rx="6" fill="{d}"/>',
    "sofa": '<rect x="110" y="220" width="380" height="140" rx="30" fill="{c}"/><rect x="90" y="280" width="80" height="140" rx="25" fill="{d}"/><rect x="430" y="280" width="80" height="140" rx="25" fill="{d}"/><rect x="150" y="320" width="300" height="90" rx="18" fill="{c}"/><rect x="120" y="415" width="20" height="45" fill="#5a4632"/><rect x="460" y="415" width="20" height="45" fill="#5a4632"/>',
    "table": '<rect x="110" y="220" width="380" height="36" rx="10" fill="{c}"/><rect x="150" y="256" width="26" height="220" fill="{d}"/><rect x="424" y="256" width="26" height="220" fill="{d}"/>',
    "bed": '<rect x="100" y="200" width="40" height="260" rx="10" fill="{d}"/><rect x="130" y="320" width="380" height="90" rx="14" fill="{c}"/><rect x="150" y="285" width="110" height="45" rx="18" fill="#f4f2ee"/><rect x="130" y="405" width="380" height="22" fill="{d}"/><rect x="490" y="380" width="22" height="80" fill="{d}"/>',
    "shelf": '<rect x="170" y="110" width="260" height="380" rx="8" fill="none" stroke="{d}" stroke-width="18"/><rect x="170" y="200" width="260" height="14" fill="{d}"/><rect x="170" y="300" width="260" height="14" fill="{d}"/><rect x="170" y="400" width="260" height="14" fill="{d}"/><rect x="200" y="140" width="30" height="60" fill="{c}"/><rect x="240" y="150" width="24" height="50" fill="{c}"/><circle cx="360" cy="270" r="28" fill="{c}"/>',
    "desk": '<rect x="100" y="240" width="400" height="30" rx="6" fill="{c}"/><rect x="120" y="270" width="20" height="210" fill="{d}"/><rect x="460" y="270" width="20" height="210" fill="{d}"/><rect x="330" y="270" width="130" height="100" fill="{d}"/><rect x="230" y="150" width="140" height="90" rx="8" fill="#3f4347"/>',
    "floorlamp": '<path d="M220 120 L380 120 L420 240 L180 240 Z" fill="{c}"/><rect x="292" y="240" width="16" height="230" fill="{d}"/><ellipse cx="300" cy="478" rx="90" ry="18" fill="{d}"/>',
    "tablelamp": '<path d="M210 170 L390 170 L430 300 L170 300 Z" fill="{c}"/><rect x="250" y="300" width="100" height="140" rx="40" fill="{d}"/><rect x="220" y="440" width="160" height="20" rx="8" fill="{d}"/>',
    "pendant": '<rect x="297" y="60" width="6" height="170" fill="{d}"/><path d="M180 360 Q300 160 420 360 Z" fill="{c}"/><ellipse cx="300" cy="372" rx="60" ry="16" fill="#fff3c4"/>',
    "walllamp": '<rect x="150" y="180" width="40" height="240" rx="12" fill="{d}"/><path d="M190 300 L330 260" stroke="{d}" stroke-width="16"/><path d="M300 200 L420 200 L450 320 L270 320 Z" fill="{c}"/>',
    "bulb": '<circle cx="300" cy="250" r="120" fill="{c}"/><rect x="250" y="360" width="100" height="90" rx="12" fill="#9a9ea3"/><path d="M250 390 H350 M250 420 H350" stroke="#6d7176" stroke-width="8"/>',
    "mug": '<rect x="170" y="190" width="220" height="250" rx="30" fill="{c}"/><path d="M390 250 Q470 250 470 320 Q470 390 390 390" fill="none" stroke="{d}" stroke-width="30"/><ellipse cx="280" cy="195" rx="110" ry="16" fill="{d}"/>',
    "pan": '<ellipse cx="260" cy="320" rx="170" ry="70" fill="{d}"/><ellipse cx="260" cy="305" rx="150" ry="55" fill="{c}"/><rect x="420" y="290" width="150" height="30" rx="15" fill="#2b2b2b"/>',
    "knife": '<path d="M120 330 L400 250 Q440 250 450 280 L130 350 Z" fill="#c9ced3"/><rect x="430" y="262" width="130" height="40" rx="14" transform="rotate(-15 430 262)" fill="{c}"/>',
    "plate": '<circle cx="300" cy="300" r="190" fill="{d}"/><circle cx="300" cy="300" r="160" fill="{c}"/><circle cx="300" cy="300" r="100" fill="{d}" opacity="0.35"/>',
    "jar": '<rect x="200" y="180" width="200" height="280" rx="40" fill="{c}" opacity="0.85"/><rect x="210" y="140" width="180" height="50" rx="12" fill="#d9c07a"/>',
    "towel": '<rect x="170" y="140" width="260" height="330" rx="18" fill="{c}"/><rect x="170" y="400" width="260" height="24" fill="{d}"/><rect x="170" y="180" width="260" height="14" fill="{d}"/>',
    "dress": '<path d="M250 120 L350 120 L360 220 L460 480 L140 480 L240 220 Z" fill="{c}"/><path d="M240 220 L360 220" stroke="{d}" stroke-width="14"/>',
    "shirt": '<path d="M220 130 L380 130 L480 200 L440 270 L400 240 L400 480 L200 480 L200 240 L160 270 L120 200 Z" fill="{c}"/><path d="M260 130 L300 190 L340 130" fill="{d}"/>',
    "tshirt": '<path d="M220 140 L380 140 L480 210 L440 280 L400 250 L400 470 L200 470 L200 250 L160 280 L120 210 Z" fill="{c}"/><ellipse cx="300" cy="145" rx="45" ry="18" fill="{d}"/>',
    "jeans": '<path d="M200 110 L400 110 L430 490 L320 490 L300 250 L280 490 L170 490 Z" fill="{c}"/><rect x="200" y="110" width="200" height="30" fill="{d}"/>',
    "coat": '<path d="M220 110 L380 110 L470 190 L450 490 L150 490 L130 190 Z" fill="{c}"/><path d="M300 130 L300 490" stroke="{d}" stroke-width="10"/><circle cx="320" cy="250" r="9" fill="{d}"/><circle cx="320" cy="330" r="9" fill="{d}"/>',
    "sweater": '<path d="M220 130 L380 130 L470 210 L470 440 L420 440 L410 260 L400 480 L200 480 L190 260 L180 440 L130 440 L130 210 Z" fill="{c}"/><rect x="200" y="450" width="200" height="30" fill="{d}"/>',
    "sneaker": '<path d="M110 380 Q120 280 220 270 L300 300 Q420 300 490 360 L490 410 L110 410 Z" fill="{c}"/><rect x="105" y="405" width="390" height="30" rx="12" fill="#f4f2ee"/><path d="M230 300 L280 320 M250 285 L300 305" stroke="{d}" stroke-width="8"/>',
    "boot": '<path d="M180 140 L320 140 L330 330 Q450 340 480 400 L480 440 L180 440 Z" fill="{c}"/><rect x="175" y="435" width="310" height="28" rx="8" fill="{d}"/>',
    "sandal": '<ellipse cx="300" cy="360" rx="200" ry="60" fill="{d}"/><path d="M180 340 Q300 250 420 340" fill="none" stroke="{c}" stroke-width="34"/>',
    "runner": '<path d="M100 370 Q130 270 230 270 L320 300 Q430 300 500 350 L500 400 L100 400 Z" fill="{c}"/><path d="M95 395 L505 395 L495 440 L110 440 Z" fill="{d}"/>',
    "tent": '<path d="M300 130 L500 460 L100 460 Z" fill="{c}"/><path d="M300 130 L360 460 L240 460 Z" fill="{d}"/>',
    "backpack": '<rect x="180" y="150" width="240" height="320" rx="60" fill="{c}"/><rect x="220" y="300" width="160" height="120" rx="20" fill="{d}"/><path d="M250 150 Q300 90 350 150" fill="none" stroke="{d}" stroke-width="18"/>',
    "mat": '<rect x="130" y="250" width="340" height="120" rx="20" fill="{c}"/><ellipse cx="470" cy="310" rx="50" ry="60" fill="{d}"/>',
    "bike": '<circle cx="180" cy="380" r="90" fill="none" stroke="{d}" stroke-width="16"/><circle cx="420" cy="380" r="90" fill="none" stroke="{d}" stroke-width="16"/><path d="M180 380 L270 250 L390 250 L420 380 M270 250 L300 380 L390 250" fill="none" stroke="{c}" stroke-width="16"/>',
    "stove": '<rect x="180" y="300" width="240" height="150" rx="16" fill="{d}"/><path d="M240 300 Q260 220 300 260 Q330 200 360 300" fill="#e07a2f"/><rect x="170" y="270" width="260" height="30" rx="8" fill="{c}"/>',
    "bottle": '<rect x="230" y="210" width="140" height="260" rx="30" fill="{c}"/><rect x="265" y="140" width="70" height="80" rx="10" fill="{d}"/><rect x="250" y="290" width="100" height="90" rx="8" fill="#f4f2ee" opacity="0.8"/>',
    "perfume": '<rect x="180" y="240" width="240" height="230" rx="28" fill="{c}" opacity="0.9"/><rect x="260" y="170" width="80" height="70" rx="8" fill="{d}"/><rect x="240" y="130" width="120" height="40" rx="10" fill="#c5a152"/>',
    "soap": '<rect x="170" y="260" width="260" height="150" rx="50" fill="{c}"/><ellipse cx="300" cy="300" rx="90" ry="25" fill="#fff" opacity="0.35"/>',
    "headphones": '<path d="M170 330 Q170 130 300 130 Q430 130 430 330" fill="none" stroke="{d}" stroke-width="28"/><rect x="135" y="300" width="80" height="150" rx="30" fill="{c}"/><rect x="385" y="300" width="80" height="150" rx="30" fill="{c}"/>',
    "speaker": '<rect x="200" y="130" width="200" height="340" rx="30" fill="{c}"/><circle cx="300" cy="360" r="70" fill="{d}"/><circle cx="300" cy="220" r="35" fill="{d}"/>',
    "laptop": '<rect x="160" y="150" width="280" height="200" rx="14" fill="{d}"/><rect x="178" y="168" width="244" height="164" fill="#9dbfe0"/><path d="M110 360 L490 360 L460 420 L140 420 Z" fill="{c}"/>',
    "watch": '<rect x="250" y="110" width="100" height="380" rx="30" fill="{d}"/><rect x="210" y="210" width="180" height="180" rx="40" fill="{c}"/><rect x="232" y="232" width="136" height="136" rx="28" fill="#1f2328"/>',
    "cable": '<rect x="220" y="160" width="160" height="180" rx="24" fill="{c}"/><rect x="260" y="120" width="14" height="50" fill="#9a9ea3"/><rect x="326" y="120" width="14" height="50" fill="#9a9ea3"/><path d="M300 340 Q300 460 420 460" fill="none" stroke="{d}" stroke-width="16"/>',
    "dice": '<rect x="170" y="200" width="200" height="200" rx="30" fill="{c}"/><circle cx="220" cy="250" r="16" fill="#fff"/><circle cx="320" cy="350" r="16" fill="#fff"/><circle cx="270" cy="300" r="16" fill="#fff"/><rect x="330" y="150" width="130" height="130" rx="20" fill="{d}"/>',
    "blocks": '<rect x="150" y="330" width="140" height="130" rx="10" fill="{c}"/><rect x="310" y="330" width="140" height="130" rx="10" fill="{d}"/><rect x="230" y="190" width="140" height="130" rx="10" fill="{c}"/>',
    "bear": '<circle cx="300" cy="330" r="130" fill="{c}"/><circle cx="300" cy="200" r="90" fill="{c}"/><circle cx="225" cy="130" r="38" fill="{d}"/><circle cx="375" cy="130" r="38" fill="{d}"/><circle cx="270" cy="195" r="10" fill="#2b2b2b"/><circle cx="330" cy="195" r="10" fill="#2b2b2b"/>',
    "puzzle": '<path d="M170 170 H280 Q270 130 300 130 Q330 130 320 170 H430 V280 Q470 270 470 300 Q470 330 430 320 V430 H170 Z" fill="{c}"/>',
    "plant": '<path d="M300 300 Q220 180 250 110 Q320 180 300 300 Q360 170 440 170 Q400 270 300 300" fill="#5c8a4f"/><path d="M200 300 L400 300 L370 470 L230 470 Z" fill="{c}"/>',
    "tool": '<rect x="280" y="100" width="40" height="260" rx="14" fill="#8a6a45"/><path d="M230 350 L370 350 L340 490 Q300 520 260 490 Z" fill="{c}"/>',
    "grill": '<ellipse cx="300" cy="270" rx="170" ry="60" fill="{d}"/><path d="M130 270 Q300 460 470 270 Z" fill="{c}"/><path d="M220 380 L170 490 M380 380 L430 490 M300 400 L300 490" stroke="{d}" stroke-width="14"/>',
    "notebook": '<rect x="180" y="120" width="250" height="360" rx="14" fill="{c}"/><rect x="180" y="120" width="36" height="360" fill="{d}"/><rect x="390" y="120" width="14" height="200" fill="#c8332f"/>',
    "pen": '<rect x="120" y="280" width="330" height="40" rx="20" fill="{c}" transform="rotate(-30 300 300)"/><path d="M450 220 L500 195 L470 245 Z" fill="#2b2b2b"/>',
    "lamp": '<rect x="140" y="330" width="320" height="120" rx="14" fill="{c}"/><rect x="170" y="300" width="120" height="40" rx="8" fill="{d}"/><rect x="320" y="260" width="40" height="80" rx="8" fill="{d}"/>',
}
_BACKGROUNDS = ("#f4efe6", "#eef2ee", "#eef1f6", "#f6eef0", "#f2f0ea", "#eceff1")


def colour_hex(name: str) -> str:
    """The swatch colour of a colour or material name; a stable made-up one when unknown."""
    known = COLOURS.get(name.casefold())
    if known:
        return known
    digest = hashlib.sha1(name.encode()).digest()
    return f"#{digest[0] % 120 + 80:02x}{digest[1] % 120 + 80:02x}{digest[2] % 120 + 80:02x}"


def _darker(hex_colour: str, factor: float = 0.72) -> str:
    channels = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{int(c * factor):02x}" for c in channels)


def product_svg(icon: str, colour_name: str, title: str, variant: int = 0) -> str:
    """A 600 x 600 SVG of the category's shape in the named colour, on a soft background."""
    colour = colour_hex(colour_name)
    shape = _SHAPES.get(icon, _SHAPES["jar"]).format(c=colour, d=_darker(colour))
    background = _BACKGROUNDS[variant % len(_BACKGROUNDS)]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600" '
        f'role="img"><title>{escape(title)}</title>'
        f'<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fff"/>'
        f'<stop offset="1" stop-color="{background}"/></linearGradient></defs>'
        '<rect width="600" height="600" fill="url(#g)"/>'
        '<ellipse cx="300" cy="500" rx="210" ry="22" fill="#000" opacity="0.06"/>'
        f"{shape}</svg>"
    )
