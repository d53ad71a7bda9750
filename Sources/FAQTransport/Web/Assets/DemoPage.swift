/// The files the HTTP port serves, compiled into the binary (nothing to install).
enum WebAssets {
    /// `/`: a demo page of a clinic's website with the widget on it (no inline script or style, so
    /// it works under the page's strict Content-Security-Policy).
    static let demoPage = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content">
<title>Northside SMP Clinic</title>
<link rel="stylesheet" href="/demo.css">
<link rel="icon" href="data:,">
</head>
<body>
<header class="site"><strong>Northside SMP Clinic</strong><nav><a href="#treatment">Treatment</a> <a href="#visit">Visit us</a></nav></header>
<main>
<section class="hero">
<h1>Scalp micropigmentation, done with care</h1>
<p>Natural-looking density for thinning hair, receding hairlines and scars. Ask our assistant anything:
healing time, aftercare, cost, or book a free consultation.</p>
</section>
<section id="treatment">
<h2>The treatment</h2>
<p>SMP places tiny deposits of pigment in the scalp to recreate the look of hair follicles. Most patients
need two to three sessions.</p>
</section>
<section id="visit">
<h2>Visit us</h2>
<p>Open Monday to Saturday. The chat button in the corner answers questions and books consultations.</p>
</section>
</main>
<footer>This is the faqbot demo page: the widget below is what a clinic embeds with one script tag.</footer>
<script src="/widget.js" data-title="Northside clinic assistant" defer></script>
</body>
</html>
"""#

    /// `/demo.css`: the demo page's own look (the widget brings its own).
    static let demoStyle = #"""
body { margin: 0; font: 17px/1.6 Georgia, serif; color: #1d2327; background: #f7f5f1; }
.site { display: flex; justify-content: space-between; padding: 16px 24px; background: #fff; border-bottom: 1px solid #e3ded5; }
.site a { margin-left: 16px; color: #0b5c7a; }
main { max-width: 760px; margin: 0 auto; padding: 24px; }
.hero h1 { font-size: 34px; line-height: 1.2; color: #0b3c4f; }
footer { max-width: 760px; margin: 0 auto; padding: 24px; color: #59636e; font-size: 14px; }
"""#
}
