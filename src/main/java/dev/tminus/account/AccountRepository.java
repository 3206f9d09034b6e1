package dev.tminus.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<Account, Long> {

	Optional<Account> findByUsername(String username);

	boolean existsByUsername(String username);

	List<Account> findAllByOrderByUsernameAsc();

	List<Account> findByIdIn(Collection<Long> ids);

	long countByRoleAndEnabledTrue(GlobalRole role);

}
