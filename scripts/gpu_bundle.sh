#!/usr/bin/env bash
# Packs what the window needs to run on a machine that has an NVIDIA GPU but no X server, no GLFW and no
# Mesa (the GPU figures of the README's Performance section were taken this way, by scripts/gpu_figures.sh):
#   .bundle/ganscope-gpu.tar.xz  the programs (built for AVX2, which every x86-64 GPU host of ours runs),
#                                Xvfb, xkbcomp, Mesa's swrast driver (Xvfb's GLX extension needs it), the
#                                shared libraries of all of them except glibc, libstdc++ and glvnd, the
#                                XKB data and the labels' font.
#   .bundle/run-window.sh        unpacks it to /tmp/ganscope-gpu, starts Xvfb and runs its arguments with the
#                                NVIDIA GLX vendor library (the driver's libGLX_nvidia, found through glvnd).
#                                On the device machines NVIDIA's GLX finds no visual on Xvfb: there the GPU is
#                                reached through EGL with no X server (ganscope --offscreen, and the OpenGL
#                                tests with GANSCOPE_GL_API=egl), as scripts/gpu_figures.sh does.
# glvnd itself (libGL, libGLX, libEGL, libOpenGL) comes from Debian's debs, unpacked to / on the GPU host
# before run-window.sh; see .library/device/README.md for the recipe.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-avx2
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGANSCOPE_ARCH=avx2 >/dev/null
cmake --build "$build" --target ganscope ganscope_bench ganscope_gl_tests ganscope_gpu_tests

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/lib/dri" "$stage/share/X11"
cp "$build/ganscope" "$build/ganscope_bench" "$build/ganscope_gl_tests" "$build/ganscope_gpu_tests" /usr/bin/Xvfb /usr/bin/xkbcomp "$stage/bin/"
cp /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so "$stage/lib/dri/"
cp -rL /usr/share/X11/xkb "$stage/share/X11/"
mkdir -p "$stage/share/fonts"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$stage/share/fonts/"  # the labels' Greek and math signs

# Every shared library these need, except the C runtime (the host's newer one serves) and glvnd (from the debs).
skip='^(libc|libm|libdl|libpthread|librt|ld-linux-x86-64|libstdc\+\+|libgcc_s|libGL|libGLX|libGLdispatch|libOpenGL|libEGL|libGLESv2)\.so'
for object in "$stage"/bin/* "$stage/lib/dri/swrast_dri.so"; do
  ldd "$object" | awk '/=> \// {print $3}'
done | sort -u | while read -r library; do
  name=$(basename "$library")
  if [[ ! $name =~ $skip ]]; then cp -L "$library" "$stage/lib/$name"; fi
done

mkdir -p .bundle
tar -C "$stage" -cJf .bundle/ganscope-gpu.tar.xz .
cat >.bundle/run-window.sh <<'EOF'
#!/usr/bin/env bash
# Usage (on the GPU host, from the repository root): .bundle/run-window.sh COMMAND ARGS...
# COMMAND is one of the bundle's programs (ganscope, ganscope_gl_tests, ganscope_bench) or any command.
set -euo pipefail
root=/tmp/ganscope-gpu
if [[ ! -x $root/bin/Xvfb ]]; then mkdir -p $root && tar -C $root -xJf "$(dirname "$0")/ganscope-gpu.tar.xz"; fi
mkdir -p /var/lib/xkb /usr/share/X11; [[ -e /usr/share/X11/xkb ]] || ln -s $root/share/X11/xkb /usr/share/X11/xkb
cp -n $root/bin/xkbcomp /usr/bin/xkbcomp 2>/dev/null || true
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
[[ -e $font ]] || { mkdir -p "$(dirname $font)" && cp $root/share/fonts/DejaVuSans.ttf $font; }
# The bundle's libraries first; the host's own (its NVIDIA driver's among them) after.
nvidia=/usr/local/nvidia/lib64
export LD_LIBRARY_PATH=$root/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}$([[ -d $nvidia ]] && echo ":$nvidia")
export LIBGL_DRIVERS_PATH=$root/lib/dri PATH=$root/bin:$PATH
export GANSCOPE_ASSETS=$PWD/assets
Xvfb :99 -screen 0 1280x800x24 -nolisten tcp >/tmp/xvfb.log 2>&1 &
xvfb=$!
# Wait for the server to be gone on exit, so that the next call's Xvfb :99 does not find the display taken.
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null || true' EXIT
# Ready when the display's lock names this server (a socket left by an older one proves nothing).
for _ in $(seq 100); do
  [[ $(tr -d ' \n' 2>/dev/null </tmp/.X99-lock) == "$xvfb" && -S /tmp/.X11-unix/X99 ]] && break
  sleep 0.1
done
export DISPLAY=:99 __GLX_VENDOR_LIBRARY_NAME=${__GLX_VENDOR_LIBRARY_NAME:-nvidia}
"$@"
EOF
chmod +x .bundle/run-window.sh
ls -la .bundle
