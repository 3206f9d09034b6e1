package dev.tminus.cutover;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CutoverRepository extends JpaRepository<Cutover, Long> {

	/** Serialises changes to one cutover's roles and status across instances. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from Cutover c where c.id = :id")
	Optional<Cutover> findForUpdate(@Param("id") long id);

}
