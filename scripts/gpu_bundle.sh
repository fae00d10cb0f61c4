#!/usr/bin/env bash
# Packs what the window needs to run on a machine that has an NVIDIA GPU but no X server, no GLFW and no
# Mesa (the GPU figures of the README's Performance section were taken this way):
#   .bundle/ganscope-gpu.tar.xz  the programs (built for AVX2, which every x86-64 GPU host of ours runs),
#                                Xvfb, xkbcomp, Mesa's swrast driver (Xvfb's GLX extension needs it), the
#                                shared libraries of all of them except glibc, libstdc++ and glvnd, and the
#                                XKB data.
#   .bundle/run-window.sh        unpacks it to /tmp/ganscope-gpu, starts Xvfb and runs its arguments with the
#                                NVIDIA GLX vendor library (the driver's libGLX_nvidia, found through glvnd).
# glvnd itself (libGL, libGLX, libEGL, libOpenGL) comes from Debian's debs, unpacked to / on the GPU host
# before run-window.sh; see .library/device/README.md for the recipe.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-avx2
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGANSCOPE_ARCH=avx2 >/dev/null
cmake --build "$build" --target ganscope ganscope_bench ganscope_gl_tests

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/lib/dri" "$stage/share/X11"
cp "$build/ganscope" "$build/ganscope_bench" "$build/ganscope_gl_tests" /usr/bin/Xvfb /usr/bin/xkbcomp "$stage/bin/"
cp /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so "$stage/lib/dri/"
cp -rL /usr/share/X11/xkb "$stage/share/X11/"

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
export LD_LIBRARY_PATH=$root/lib LIBGL_DRIVERS_PATH=$root/lib/dri PATH=$root/bin:$PATH
export GANSCOPE_ASSETS=$PWD/assets
Xvfb :99 -screen 0 1280x800x24 -nolisten tcp >/tmp/xvfb.log 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X99 ]] && break; sleep 0.1; done
export DISPLAY=:99 __GLX_VENDOR_LIBRARY_NAME=${__GLX_VENDOR_LIBRARY_NAME:-nvidia}
"$@"
EOF
chmod +x .bundle/run-window.sh
ls -la .bundle
