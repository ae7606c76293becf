package io.livelink.platform;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

@Command(name = "down", description = "Stops a platform started by 'up' from another shell.")
class DownCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        PlatformHome home = PlatformHome.current();
        var launcher = home.runningLauncher();
        if (launcher.isEmpty()) {
            System.out.println("LiveLink is not running.");
            home.removePid();
            return 0;
        }
        System.out.println("Stopping LiveLink (pid " + launcher.get().pid() + ") …");
        launcher.get().destroy();
        launcher.get().onExit().get(90, TimeUnit.SECONDS);
        System.out.println("LiveLink stopped.");
        return 0;
    }
}
